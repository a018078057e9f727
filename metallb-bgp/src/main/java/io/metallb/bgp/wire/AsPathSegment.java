package io.metallb.bgp.wire;

import java.util.List;

/** One AS_PATH segment (RFC 4271 §4.3; confederation types of RFC 5065). */
public record AsPathSegment(int type, List<Long> asns) {
    public static final int AS_SET = 1;
    public static final int AS_SEQUENCE = 2;
    public static final int AS_CONFED_SEQUENCE = 3;
    public static final int AS_CONFED_SET = 4;

    public AsPathSegment {
        if (type < AS_SET || type > AS_CONFED_SET) {
            throw new IllegalArgumentException("segment type: " + type + " (expected: 1..4)");
        }
        asns = List.copyOf(asns);
        if (asns.isEmpty() || asns.size() > 255) {
            throw new IllegalArgumentException("segment of " + asns.size() + " ASes (expected: 1..255)");
        }
        asns.forEach(a -> Unsigned.check32("AS", a));
    }
}
