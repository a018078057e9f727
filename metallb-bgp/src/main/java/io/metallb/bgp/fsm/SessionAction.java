package io.metallb.bgp.fsm;

import io.metallb.bgp.wire.Decoded;
import io.metallb.bgp.wire.Notification;
import java.time.Duration;

/** What the transport must do after a step. Executed in order, on the session's event loop. */
public sealed interface SessionAction {

    /** Dial the peer. */
    record Connect() implements SessionAction {
    }

    /** Close the TCP connection (after flushing what was written). */
    record CloseConnection() implements SessionAction {
    }

    record SendOpen() implements SessionAction {
    }

    record SendKeepalive() implements SessionAction {
    }

    record SendNotification(Notification notification) implements SessionAction {
    }

    /** (Re)start a timer; a zero duration means "stopped". */
    record StartTimer(Timer timer, Duration after) implements SessionAction {
    }

    record StopTimer(Timer timer) implements SessionAction {
    }

    /** Wait {@code after}, then feed {@link SessionEvent.Start} again (MetalLB's backoff). */
    record ScheduleRestart(Duration after) implements SessionAction {
    }

    /** The session reached Established with these parameters: send the routes, then End-of-RIB. */
    record SessionUp(Negotiated negotiated) implements SessionAction {
    }

    /** The session left Established. */
    record SessionDown(String reason) implements SessionAction {
    }

    /** An UPDATE arrived in Established: count it (routes from peers are not used). */
    record UpdateReceived(Decoded update) implements SessionAction {
    }

    /** The peer asked for our routes again (RFC 2918). */
    record ResendRoutes() implements SessionAction {
    }

    /** The three timers of RFC 4271 §10. */
    enum Timer {
        CONNECT_RETRY,
        HOLD,
        KEEPALIVE
    }
}
