package io.metallb.api.spi;

import java.util.Objects;

/** How far an announcement got, per announcer: for status objects, metrics and {@code explain}. */
public record AnnouncementStatus(State state, String detail) {

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
    }
}
