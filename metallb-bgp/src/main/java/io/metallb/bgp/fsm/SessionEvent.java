package io.metallb.bgp.fsm;

import io.metallb.bgp.wire.BgpError;
import io.metallb.bgp.wire.Decoded;
import io.metallb.bgp.wire.Notification;
import io.metallb.bgp.wire.Open;
import io.metallb.bgp.wire.RouteRefresh;
import java.util.Objects;
import java.util.Optional;

/** What can happen to a session (RFC 4271 §8.1, the events this speaker uses). Timers expire as events. */
public sealed interface SessionEvent {

    /** ManualStart / AutomaticStart (events 1, 3): try to bring the session up. */
    record Start() implements SessionEvent {
    }

    /**
     * ManualStop (event 2): the Cease subcode to send (RFC 4486: 2 administrative shutdown, 3 peer
     * de-configured, 6 other configuration change) and an optional RFC 8203 shutdown communication.
     */
    record Stop(int ceaseSubcode, Optional<String> reason) implements SessionEvent {
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }

        /** Administrative Shutdown. */
        public static Stop shutdown(Optional<String> reason) {
            return new Stop(io.metallb.bgp.wire.ErrorCodes.ADMINISTRATIVE_SHUTDOWN, reason);
        }
    }

    /** ConnectRetryTimer_Expires (event 9). */
    record ConnectRetryTimerExpired() implements SessionEvent {
    }

    /** HoldTimer_Expires (event 10). */
    record HoldTimerExpired() implements SessionEvent {
    }

    /** KeepaliveTimer_Expires (event 11). */
    record KeepaliveTimerExpired() implements SessionEvent {
    }

    /** Tcp_CR_Acked / TcpConnectionConfirmed (events 16, 17): a connection, dialled or accepted, is up. */
    record TcpConnected() implements SessionEvent {
    }

    /** TcpConnectionFails (event 18). */
    record TcpFailed(String cause) implements SessionEvent {
    }

    /** BGPOpen (event 19). */
    record OpenReceived(Open open) implements SessionEvent {
    }

    /** KeepAliveMsg (event 26). */
    record KeepaliveReceived() implements SessionEvent {
    }

    /** UpdateMsg (event 27), possibly with RFC 7606 tolerated errors. */
    record UpdateReceived(Decoded update) implements SessionEvent {
    }

    /** ROUTE-REFRESH received (RFC 2918 §4). */
    record RouteRefreshReceived(RouteRefresh request) implements SessionEvent {
    }

    /** NotifMsg (event 25). */
    record NotificationReceived(Notification notification) implements SessionEvent {
    }

    /** BGPHeaderErr / BGPOpenMsgErr / UpdateMsgErr (events 21, 22, 28): bytes the codec refused. */
    record MessageError(BgpError error) implements SessionEvent {
    }
}
