package io.metallb.bgp.fsm;

import java.util.List;
import java.util.Objects;

/** The result of one step: the next session state and what to do, in order. */
public record Transition(Session session, List<SessionAction> actions) {
    public Transition {
        Objects.requireNonNull(session, "session");
        actions = List.copyOf(actions);
    }

    public SessionState state() {
        return session.state();
    }
}
