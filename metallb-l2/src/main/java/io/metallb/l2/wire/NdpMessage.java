package io.metallb.l2.wire;

import io.metallb.api.net.IpAddress;

/** The two neighbour discovery messages (RFC 4861 §4.3, §4.4) an announcer reads and writes. */
public sealed interface NdpMessage permits NeighborSolicitation, NeighborAdvertisement {

    /** ICMPv6 type of a neighbour solicitation. */
    int TYPE_NS = 135;
    /** ICMPv6 type of a neighbour advertisement. */
    int TYPE_NA = 136;

    /** The address asked about or advertised. */
    IpAddress target();

    /** RFC 4861 §7.1: the target must not be a multicast address. */
    static void requireUnicastTarget(IpAddress target) {
        if (target.isV4() || (target.high() >>> 56) == 0xFF) {
            throw new IllegalArgumentException("NDP target: " + target + " (expected: IPv6 unicast)");
        }
    }
}
