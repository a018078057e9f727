package io.metallb.api.config;

import java.time.Duration;
import java.util.Optional;

/**
 * A peer's hold and keepalive times after MetalLB's defaulting ({@code parseTimers}): neither set gives 90 s and
 * 30 s; only hold gives keepalive = hold / 3; only keepalive gives hold = 3 × keepalive. The hold time, truncated
 * to whole seconds, must be 0 (no keepalives) or at least 3 s (RFC 4271 §4.2), and keepalive may not exceed
 * hold. The legacy format stored both truncated to whole seconds; the CRDs keep them as written.
 */
record BgpTimers(Duration hold, Duration keepalive) {
    private static final Duration MIN_HOLD = Duration.ofSeconds(3);

    static Optional<BgpTimers> read(Fields spec) {
        Node holdNode = spec.get("holdTime");
        Node keepaliveNode = spec.get("keepaliveTime");
        boolean legacy = holdNode.dialect() == Dialect.LEGACY;
        int before = holdNode.errorCount();
        Optional<Duration> hold = duration(holdNode).map(d -> legacy ? truncate(d) : d);
        Optional<Duration> keepalive = duration(keepaliveNode).map(d -> legacy ? truncate(d) : d);
        if (holdNode.errorCount() != before) {
            return Optional.empty();
        }
        Duration h = hold.orElseGet(() -> keepalive.map(k -> k.multipliedBy(3)).orElse(BgpPeer.DEFAULT_HOLD_TIME));
        Duration k = keepalive.orElseGet(() -> legacy ? truncate(h.dividedBy(3)) : h.dividedBy(3));
        Duration rounded = truncate(h);
        if (!rounded.isZero() && rounded.compareTo(MIN_HOLD) < 0) {
            String shown = hold.isPresent() ? GoDuration.format(h)
                    : GoDuration.format(h) + " (3 × keepaliveTime)";
            (hold.isPresent() ? holdNode : keepaliveNode)
                    .error("hold time " + shown + " (expected: 0 or at least 3s)");
            return Optional.empty();
        }
        if (k.compareTo(h) > 0) {
            keepaliveNode.error(GoDuration.format(k) + " is longer than the hold time " + GoDuration.format(h)
                    + " (expected: at most the hold time)");
            return Optional.empty();
        }
        return Optional.of(new BgpTimers(h, k));
    }

    /** A Go duration string, never negative; empty (with an error when present) otherwise. */
    static Optional<Duration> duration(Node node) {
        Optional<Duration> d = node.parsed(GoDuration::parse);
        if (d.isPresent() && d.get().isNegative()) {
            node.error("\"" + node.raw() + "\" is negative (expected: a duration of 0 or more)");
            return Optional.empty();
        }
        return d;
    }

    private static Duration truncate(Duration d) {
        return Duration.ofSeconds(d.getSeconds());
    }
}
