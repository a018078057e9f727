package io.metallb.bgp.wire;

import java.util.Objects;

/**
 * ROUTE-REFRESH (RFC 2918 §3; the reserved octet is RFC 7313's message subtype).
 *
 * <pre>
 *  0                   1                   2                   3
 * +-------------------------------+---------------+---------------+
 * |              AFI              |    Subtype    |     SAFI      |
 * +-------------------------------+---------------+---------------+
 * </pre>
 */
public record RouteRefresh(AfiSafi family, int subtype) implements BgpMessage {
    public RouteRefresh {
        Objects.requireNonNull(family, "family");
        if ((subtype & ~0xFF) != 0) {
            throw new IllegalArgumentException("subtype: " + subtype + " (expected: 0..255)");
        }
    }

    @Override
    public int type() {
        return ROUTE_REFRESH;
    }
}
