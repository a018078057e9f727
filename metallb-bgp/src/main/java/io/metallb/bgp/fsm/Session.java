package io.metallb.bgp.fsm;

import java.util.Objects;
import java.util.Optional;

/**
 * One session's state: the RFC 4271 state, the failures since the last Established (ConnectRetryCounter, which
 * drives the reconnect backoff) and what the OPEN exchange settled once it has.
 */
public record Session(SessionState state, int failures, Optional<Negotiated> negotiated) {
    /** A session that was never started. */
    public static final Session IDLE = new Session(SessionState.IDLE, 0, Optional.empty());

    public Session {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(negotiated, "negotiated");
    }

    Session in(SessionState next) {
        return new Session(next, failures, negotiated);
    }
}
