package io.metallb.api.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Go's duration syntax ({@code time.ParseDuration}), which MetalLB uses for every timer: a sequence of decimal
 * numbers with units, {@code "90s"}, {@code "1m30s"}, {@code "1.5h"}, {@code "500ms"}, or a bare {@code "0"}.
 */
final class GoDuration {
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException naming the text when it is not a Go duration */
    static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            Long unit = NANOS_PER_UNIT.get(s.substring(unitStart, i));
            if (unit == null || !number.matches("[0-9]*\\.?[0-9]*") || number.replace(".", "").isEmpty()) {
                throw invalid(text);
            }
            total = total.add(new BigDecimal(number.startsWith(".") ? "0" + number : number)
                    .multiply(BigDecimal.valueOf(unit)));
            if (total.compareTo(MAX_NANOS) > 0) {
                throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
            }
        }
        long nanos = total.longValue();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a duration (expected: Go syntax such as"
                + " \"90s\", \"1m30s\" or \"500ms\")");
    }

    /** Go's {@code Duration.String()}: {@code "1m30s"}, {@code "1.5s"}, {@code "500ms"}, {@code "0s"}. */
    static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        if (d.isZero()) {
            return "0s";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            long n = d.toNanos();
            return n % 1_000_000 == 0 ? n / 1_000_000 + "ms" : n % 1_000 == 0 ? n / 1_000 + "us" : n + "ns";
        }
        long h = d.toHours();
        long m = d.toMinutesPart();
        BigDecimal sec = BigDecimal.valueOf(d.toSecondsPart()).add(BigDecimal.valueOf(d.toNanosPart(), 9))
                .stripTrailingZeros();
        String s = sec.toPlainString() + "s";
        if (h > 0) {
            return h + "h" + m + "m" + s;
        }
        return m > 0 ? m + "m" + s : s;
    }
}
