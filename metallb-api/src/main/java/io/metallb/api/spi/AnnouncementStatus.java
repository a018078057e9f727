package io.metallb.api.spi;

import java.util.List;
import java.util.Objects;

/**
 * How far an announcement got, per announcer: for status objects, metrics and {@code explain}.
 *
 * @param targets where it is announced, in the protocol's terms: interface names for {@code layer2} (MetalLB's
 *     ServiceL2Status {@code interfaces}), peer names for {@code bgp}; empty when not announced or not known
 */
public record AnnouncementStatus(State state, String detail, List<String> targets) {

    /** Progress of one announcement. */
    public enum State {
        /** Reachable through this node now (answering ARP/NDP, or route accepted by the session). */
        ANNOUNCED,
        /** Wanted but not yet out (e.g. BGP session not established). */
        PENDING,
        /** Cannot be announced; {@code detail} says why. */
        FAILED
    }

    public AnnouncementStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
        targets = List.copyOf(targets);
    }

    /** A status that names no target. */
    public AnnouncementStatus(State state, String detail) {
        this(state, detail, List.of());
    }
}
