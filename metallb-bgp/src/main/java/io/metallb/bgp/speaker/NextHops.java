package io.metallb.bgp.speaker;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import java.util.List;
import java.util.Optional;

/**
 * The next hops a session's routes carry, chosen once when it comes up.
 *
 * <p>IPv4 NEXT_HOP: our IPv4 end of the session; over an IPv6 session, an IPv4 address of the interface the
 * session leaves by, else the router ID (MetalLB's native speaker has no IPv6 and so no rule here).
 *
 * <p>IPv6 next hop (MP_REACH_NLRI, RFC 4760 §3; RFC 2545 §3: a global address, optionally plus link-local): over
 * an IPv6 session, our IPv6 end of it. Over an IPv4 session, a global IPv6 address of the same interface when it
 * has one. Only when it has none do we fall back to our IPv4 end mapped into IPv6 ({@code ::ffff:a.b.c.d}, what
 * FRR sends in that case); FRR installs such routes but BIRD and GoBGP treat them as unreachable, so deployments
 * that announce IPv6 should peer over IPv6 (as MetalLB does in its FRR modes) or give the interface an IPv6
 * address.
 */
record NextHops(IpAddress v4, List<IpAddress> v6) {
    NextHops {
        v6 = List.copyOf(v6);
    }

    /**
     * @param local our end of the session
     * @param interfaceAddresses the addresses of the interface holding {@code local} (empty if unknown)
     * @param routerId the fallback IPv4 next hop
     */
    static NextHops choose(IpAddress local, List<IpAddress> interfaceAddresses, IpAddress routerId) {
        if (local.family() == IpFamily.IPV6) {
            IpAddress v4 = interfaceAddresses.stream().filter(IpAddress::isV4).filter(a -> !loopbackV4(a))
                    .findFirst().orElse(routerId);
            return new NextHops(v4, List.of(local));
        }
        Optional<IpAddress> global = interfaceAddresses.stream()
                .filter(a -> a.family() == IpFamily.IPV6 && globalV6(a)).findFirst();
        return new NextHops(local, List.of(global.orElse(IpAddress.ofV6(0, 0xFFFF_0000_0000L | local.low()))));
    }

    private static boolean loopbackV4(IpAddress a) {
        return (a.low() >>> 24) == 127;
    }

    /** Not unspecified, loopback, link-local (fe80::/10), multicast (ff00::/8) or IPv4-mapped. */
    static boolean globalV6(IpAddress a) {
        long h = a.high();
        boolean linkLocal = (h >>> 54) == (0xFE80L >>> 6);
        boolean multicast = (h >>> 56) == 0xFF;
        boolean lowRange = h == 0 && (a.low() >>> 32 == 0 || a.low() >>> 32 == 0xFFFFL); // ::, ::1, ::ffff:0:0/96
        return !linkLocal && !multicast && !lowRange;
    }
}
