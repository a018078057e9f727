package io.metallb.bgp.fsm;

import io.metallb.bgp.fsm.SessionAction.CloseConnection;
import io.metallb.bgp.fsm.SessionAction.Connect;
import io.metallb.bgp.fsm.SessionAction.ScheduleRestart;
import io.metallb.bgp.fsm.SessionAction.SendKeepalive;
import io.metallb.bgp.fsm.SessionAction.SendNotification;
import io.metallb.bgp.fsm.SessionAction.SendOpen;
import io.metallb.bgp.fsm.SessionAction.StartTimer;
import io.metallb.bgp.fsm.SessionAction.StopTimer;
import io.metallb.bgp.fsm.SessionAction.Timer;
import io.metallb.bgp.fsm.SessionEvent.ConnectRetryTimerExpired;
import io.metallb.bgp.fsm.SessionEvent.HoldTimerExpired;
import io.metallb.bgp.fsm.SessionEvent.KeepaliveReceived;
import io.metallb.bgp.fsm.SessionEvent.KeepaliveTimerExpired;
import io.metallb.bgp.fsm.SessionEvent.MessageError;
import io.metallb.bgp.fsm.SessionEvent.NotificationReceived;
import io.metallb.bgp.fsm.SessionEvent.OpenReceived;
import io.metallb.bgp.fsm.SessionEvent.RouteRefreshReceived;
import io.metallb.bgp.fsm.SessionEvent.Start;
import io.metallb.bgp.fsm.SessionEvent.Stop;
import io.metallb.bgp.fsm.SessionEvent.TcpConnected;
import io.metallb.bgp.fsm.SessionEvent.TcpFailed;
import io.metallb.bgp.fsm.SessionEvent.UpdateReceived;
import io.metallb.bgp.wire.Bytes;
import io.metallb.bgp.wire.ErrorCodes;
import io.metallb.bgp.wire.Notification;
import io.metallb.bgp.wire.Open;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The session state machine of RFC 4271 §8.2.2 as a pure function, {@code (config, session, event) -> (session,
 * actions)}, one method per state in the manner of GoBGP's fsm.go. It never blocks and holds no state of its own:
 * the transport keeps the {@link Session}, runs the actions and feeds timer expiries back as events, all on the
 * session's event loop. Every way into Idle other than a Stop counts a failure and schedules a restart after
 * {@link Backoff#delay}.
 */
public final class SessionFsm {
    private SessionFsm() {
    }

    public static Transition step(SessionConfig config, Session session, SessionEvent event) {
        return switch (session.state()) {
            case IDLE -> idle(config, session, event);
            case CONNECT, ACTIVE -> connecting(config, session, event);
            case OPEN_SENT -> openSent(config, session, event);
            case OPEN_CONFIRM -> openConfirm(session, event);
            case ESTABLISHED -> established(session, event);
        };
    }

    private static Transition idle(SessionConfig config, Session s, SessionEvent e) {
        if (e instanceof Start) {
            if (config.passive()) {
                return to(s.in(SessionState.ACTIVE)); // wait for the peer's connection, never dial
            }
            return to(s.in(SessionState.CONNECT), new StartTimer(Timer.CONNECT_RETRY, config.connectRetry()),
                    new Connect());
        }
        return stay(s); // RFC 4271 §8.2.2: every other event is ignored in Idle
    }

    /** Connect and Active: this speaker dials (Connect) and, after a failed dial, waits (Active). */
    private static Transition connecting(SessionConfig config, Session s, SessionEvent e) {
        if (e instanceof Stop) {
            return stopped(s, List.of(new CloseConnection()));
        }
        if (e instanceof ConnectRetryTimerExpired) {
            if (config.passive()) {
                return to(s.in(SessionState.ACTIVE)); // a passive session keeps waiting
            }
            return to(s.in(SessionState.CONNECT), new CloseConnection(),
                    new StartTimer(Timer.CONNECT_RETRY, config.connectRetry()), new Connect());
        }
        if (e instanceof TcpConnected) {
            return to(s.in(SessionState.OPEN_SENT), new StopTimer(Timer.CONNECT_RETRY), new SendOpen(),
                    new StartTimer(Timer.HOLD, SessionConfig.OPEN_HOLD_TIME));
        }
        if (e instanceof TcpFailed && s.state() == SessionState.CONNECT) {
            return to(s.in(SessionState.ACTIVE), new CloseConnection());
        }
        if (e instanceof Start) {
            return stay(s);
        }
        return failed(s, Optional.empty(), "unexpected " + name(e) + " in " + s.state());
    }

    private static Transition openSent(SessionConfig config, Session s, SessionEvent e) {
        if (e instanceof OpenReceived o) {
            return openReceived(config, s, o.open());
        }
        if (e instanceof TcpFailed) {
            // RFC 4271 §8.2.2 OpenSent, event 18: back to Active and wait for the ConnectRetryTimer.
            return to(s.in(SessionState.ACTIVE), new CloseConnection(), new StopTimer(Timer.HOLD),
                    new StartTimer(Timer.CONNECT_RETRY, config.connectRetry()));
        }
        return common(s, e, ErrorCodes.FSM, 1);
    }

    private static Transition openReceived(SessionConfig config, Session s, Open open) {
        if (!config.acceptsPeerAsn(open.asn())) {
            return failed(s, Optional.of(new Notification(ErrorCodes.OPEN_MESSAGE, ErrorCodes.BAD_PEER_AS,
                    Bytes.of((byte) (open.myAs() >>> 8), (byte) open.myAs()))),
                    "peer AS " + open.asn() + " is not the expected one");
        }
        if (open.bgpId() == config.routerId()) {
            return failed(s, Optional.of(new Notification(ErrorCodes.OPEN_MESSAGE, ErrorCodes.BAD_BGP_IDENTIFIER,
                    Bytes.EMPTY)), "peer BGP identifier equals ours");
        }
        Negotiated n = Negotiated.of(config.open(), config.keepalive(), open);
        List<SessionAction> actions = new ArrayList<>(List.of(new StopTimer(Timer.CONNECT_RETRY),
                new SendKeepalive()));
        actions.addAll(timers(n));
        return new Transition(new Session(SessionState.OPEN_CONFIRM, s.failures(), Optional.of(n)), actions);
    }

    /** Hold and keepalive timers after an OPEN or a message; none at all when the hold time is zero. */
    private static List<SessionAction> timers(Negotiated n) {
        if (n.holdTime().isZero()) {
            return List.of(new StopTimer(Timer.HOLD), new StopTimer(Timer.KEEPALIVE));
        }
        return List.of(new StartTimer(Timer.HOLD, n.holdTime()), new StartTimer(Timer.KEEPALIVE, n.keepalive()));
    }

    private static Transition openConfirm(Session s, SessionEvent e) {
        Negotiated n = s.negotiated().orElseThrow();
        if (e instanceof KeepaliveReceived) {
            List<SessionAction> actions = new ArrayList<>();
            if (!n.holdTime().isZero()) {
                actions.add(new StartTimer(Timer.HOLD, n.holdTime()));
            }
            actions.add(new SessionAction.SessionUp(n));
            // RFC 4271 §8.2.2: Established resets the ConnectRetryCounter, and with it the backoff.
            return new Transition(new Session(SessionState.ESTABLISHED, 0, s.negotiated()), actions);
        }
        if (e instanceof KeepaliveTimerExpired) {
            return to(s, new SendKeepalive(), new StartTimer(Timer.KEEPALIVE, n.keepalive()));
        }
        return common(s, e, ErrorCodes.FSM, 2);
    }

    private static Transition established(Session s, SessionEvent e) {
        Negotiated n = s.negotiated().orElseThrow();
        List<SessionAction> restartHold = n.holdTime().isZero() ? List.of()
                : List.of(new StartTimer(Timer.HOLD, n.holdTime()));
        if (e instanceof KeepaliveReceived) {
            return new Transition(s, restartHold);
        }
        if (e instanceof UpdateReceived u) {
            List<SessionAction> actions = new ArrayList<>(restartHold);
            actions.add(new SessionAction.UpdateReceived(u.update()));
            return new Transition(s, actions);
        }
        if (e instanceof RouteRefreshReceived) {
            List<SessionAction> actions = new ArrayList<>(restartHold);
            actions.add(new SessionAction.ResendRoutes());
            return new Transition(s, actions);
        }
        if (e instanceof KeepaliveTimerExpired) {
            return to(s, new SendKeepalive(), new StartTimer(Timer.KEEPALIVE, n.keepalive()));
        }
        return common(s, e, ErrorCodes.FSM, 3);
    }

    /**
     * The events OpenSent, OpenConfirm and Established handle alike. Anything else is an FSM error (RFC 6608
     * subcodes: 1 in OpenSent, 2 in OpenConfirm, 3 in Established).
     */
    private static Transition common(Session s, SessionEvent e, int fsmCode, int fsmSubcode) {
        if (e instanceof Stop stop) {
            Notification cease = stop.reason().map(r -> Notification.cease(stop.ceaseSubcode(), r))
                    .orElse(new Notification(ErrorCodes.CEASE, stop.ceaseSubcode(), Bytes.EMPTY));
            List<SessionAction> actions = new ArrayList<>(List.of(new SendNotification(cease),
                    new CloseConnection()));
            return stopped(s, actions);
        }
        if (e instanceof HoldTimerExpired) {
            return failed(s, Optional.of(new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0, Bytes.EMPTY)),
                    "hold timer expired");
        }
        if (e instanceof MessageError m) {
            return failed(s, Optional.of(m.error().toNotification()), "sent " + m.error());
        }
        if (e instanceof NotificationReceived n) {
            return failed(s, Optional.empty(), "received " + n.notification());
        }
        if (e instanceof TcpFailed f) {
            return failed(s, Optional.empty(), "connection lost: " + f.cause());
        }
        if (e instanceof Start) {
            return stay(s);
        }
        return failed(s, Optional.of(new Notification(fsmCode, fsmSubcode, Bytes.EMPTY)),
                "unexpected " + name(e) + " in " + s.state());
    }

    /** To Idle on a failure: notify if there is something to say, close, count, and come back after a backoff. */
    private static Transition failed(Session s, Optional<Notification> notification, String reason) {
        List<SessionAction> actions = new ArrayList<>();
        notification.ifPresent(n -> actions.add(new SendNotification(n)));
        actions.add(new CloseConnection());
        actions.addAll(stopTimers());
        if (s.state() == SessionState.ESTABLISHED) {
            actions.add(new SessionAction.SessionDown(reason));
        }
        int failures = s.failures() + 1;
        actions.add(new ScheduleRestart(Backoff.delay(failures)));
        return new Transition(new Session(SessionState.IDLE, failures, Optional.empty()), actions);
    }

    /** To Idle on a Stop: no restart, and the backoff starts afresh. */
    private static Transition stopped(Session s, List<SessionAction> first) {
        List<SessionAction> actions = new ArrayList<>(first);
        actions.addAll(stopTimers());
        if (s.state() == SessionState.ESTABLISHED) {
            actions.add(new SessionAction.SessionDown("stopped"));
        }
        return new Transition(Session.IDLE, actions);
    }

    private static List<SessionAction> stopTimers() {
        return List.of(new StopTimer(Timer.CONNECT_RETRY), new StopTimer(Timer.HOLD), new StopTimer(Timer.KEEPALIVE));
    }

    private static Transition to(Session next, SessionAction... actions) {
        return new Transition(next, List.of(actions));
    }

    private static Transition stay(Session s) {
        return new Transition(s, List.of());
    }

    private static String name(SessionEvent e) {
        return e.getClass().getSimpleName();
    }
}
