package io.metallb.bgp.fsm;

import io.metallb.bgp.wire.AfiSafi;
import io.metallb.bgp.wire.Capability;
import io.metallb.bgp.wire.Open;
import io.metallb.bgp.wire.WireOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the OPEN exchange settled.
 *
 * @param peerOpen the peer's OPEN
 * @param holdTime the smaller of both hold times (RFC 4271 §4.2); zero: no hold timer and no keepalives
 * @param keepalive keepalive interval: ours, but at most a third of the hold time
 * @param families the address families both sides advertised (IPv4 unicast alone when the peer sent no
 *     multiprotocol capability, RFC 4760 §8)
 */
public record Negotiated(Open peerOpen, Duration holdTime, Duration keepalive, WireOptions wireOptions,
        Set<AfiSafi> families, boolean routeRefresh) {

    public Negotiated {
        Objects.requireNonNull(peerOpen, "peerOpen");
        Objects.requireNonNull(holdTime, "holdTime");
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(wireOptions, "wireOptions");
        families = Set.copyOf(families);
    }

    /** Negotiates between our OPEN (and configured keepalive) and the peer's. */
    public static Negotiated of(Open mine, Duration myKeepalive, Open theirs) {
        int hold = Math.min(mine.holdTime(), theirs.holdTime());
        Duration holdTime = Duration.ofSeconds(hold);
        Duration keepalive = hold == 0 ? Duration.ZERO
                : min(myKeepalive.isZero() ? holdTime.dividedBy(3) : myKeepalive, holdTime.dividedBy(3));
        return new Negotiated(theirs, holdTime, keepalive, WireOptions.negotiated(mine, theirs),
                families(mine).stream().filter(families(theirs)::contains).collect(Collectors.toSet()),
                mine.capability(Capability.RouteRefresh.class).isPresent()
                        && theirs.capability(Capability.RouteRefresh.class).isPresent());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Set<AfiSafi> families(Open open) {
        List<AfiSafi> mp = open.capabilities().stream().filter(Capability.Multiprotocol.class::isInstance)
                .map(c -> ((Capability.Multiprotocol) c).family()).toList();
        return mp.isEmpty() ? Set.of(AfiSafi.IPV4_UNICAST) : Set.copyOf(mp);
    }
}
