package io.metallb.api.net;

/**
 * Strict parser and RFC 5952 formatter for IP address literals. No host names, no zone ids, no octal or hex
 * IPv4 parts (a leading zero is refused, as Go's net.ParseIP does since 1.17).
 */
final class IpLiteralParser {

    private IpLiteralParser() {
    }

    static IpAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw bad(text, "is empty");
        }
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        long v4 = parseV4(text, text);
        return new IpAddress(IpFamily.IPV4, 0, v4);
    }

    private static long parseV4(String part, String whole) {
        long value = 0;
        int octets = 0;
        int i = 0;
        int n = part.length();
        while (i <= n) {
            int start = i;
            int octet = 0;
            while (i < n && part.charAt(i) >= '0' && part.charAt(i) <= '9') {
                octet = octet * 10 + (part.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    throw bad(whole, "is not an IP address");
                }
            }
            int digits = i - start;
            if (digits == 0 || octet > 255 || (digits > 1 && part.charAt(start) == '0')) {
                throw bad(whole, "is not an IP address");
            }
            value = (value << 8) | octet;
            octets++;
            if (i == n) {
                break;
            }
            if (part.charAt(i) != '.' || octets == 4) {
                throw bad(whole, "is not an IP address");
            }
            i++;
        }
        if (octets != 4) {
            throw bad(whole, "is not an IP address");
        }
        return value;
    }

    private static IpAddress parseV6(String text) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = text.length();
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
            if (n == 2) {
                return IpAddress.ofV6(0, 0);
            }
        } else if (text.charAt(0) == ':') {
            throw bad(text, "is not an IP address");
        }
        while (i < n) {
            if (count == 8) {
                throw bad(text, "is not an IP address");
            }
            int start = i;
            int group = 0;
            while (i < n && hexDigit(text.charAt(i)) >= 0) {
                if (i - start == 4) {
                    throw bad(text, "is not an IP address");
                }
                group = (group << 4) | hexDigit(text.charAt(i));
                i++;
            }
            int digits = i - start;
            if (i < n && text.charAt(i) == '.') {
                // Embedded IPv4 in the last 32 bits (RFC 4291 §2.2 form 3).
                if (count > 6) {
                    throw bad(text, "is not an IP address");
                }
                long v4 = parseV4(text.substring(start), text);
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = n;
                break;
            }
            if (digits == 0) {
                throw bad(text, "is not an IP address");
            }
            groups[count++] = group;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                throw bad(text, "is not an IP address");
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (gap >= 0) {
                    throw bad(text, "is not an IP address");
                }
                gap = count;
                i++;
            } else if (i == n) {
                throw bad(text, "is not an IP address");
            }
        }
        if (gap < 0 && count != 8) {
            throw bad(text, "is not an IP address");
        }
        if (gap >= 0 && count == 8) {
            throw bad(text, "is not an IP address");
        }
        int[] full = new int[8];
        if (gap < 0) {
            System.arraycopy(groups, 0, full, 0, 8);
        } else {
            System.arraycopy(groups, 0, full, 0, gap);
            int tail = count - gap;
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        return IpAddress.ofV6(hi, lo);
    }

    /** ASCII hex digit value, or -1: {@link Character#digit} would also take full-width and other digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static String format(IpAddress a) {
        if (a.family() == IpFamily.IPV4) {
            return dottedQuad(a.low());
        }
        if (a.high() == 0 && (a.low() >>> 32) == 0xFFFFL) {
            // RFC 5952 §5: IPv4-mapped addresses keep the dotted quad, as Go's netip.Addr.String() does.
            return "::ffff:" + dottedQuad(a.low());
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((a.high() >>> (48 - 16 * i)) & 0xFFFF);
            g[i + 4] = (int) ((a.low() >>> (48 - 16 * i)) & 0xFFFF);
        }
        // RFC 5952 §4.2: compress the longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    private static String dottedQuad(long v) {
        return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }

    private static IllegalArgumentException bad(String text, String what) {
        return new IllegalArgumentException("\"" + text + "\" " + what);
    }
}
