package io.metallb.bgp.fsm;

import static io.metallb.bgp.fsm.SessionState.ACTIVE;
import static io.metallb.bgp.fsm.SessionState.CONNECT;
import static io.metallb.bgp.fsm.SessionState.ESTABLISHED;
import static io.metallb.bgp.fsm.SessionState.IDLE;
import static io.metallb.bgp.fsm.SessionState.OPEN_CONFIRM;
import static io.metallb.bgp.fsm.SessionState.OPEN_SENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpPeer;
import io.metallb.bgp.fsm.SessionAction.CloseConnection;
import io.metallb.bgp.fsm.SessionAction.Connect;
import io.metallb.bgp.fsm.SessionAction.ResendRoutes;
import io.metallb.bgp.fsm.SessionAction.ScheduleRestart;
import io.metallb.bgp.fsm.SessionAction.SendKeepalive;
import io.metallb.bgp.fsm.SessionAction.SendNotification;
import io.metallb.bgp.fsm.SessionAction.SendOpen;
import io.metallb.bgp.fsm.SessionAction.SessionDown;
import io.metallb.bgp.fsm.SessionAction.SessionUp;
import io.metallb.bgp.fsm.SessionAction.StartTimer;
import io.metallb.bgp.fsm.SessionAction.StopTimer;
import io.metallb.bgp.fsm.SessionAction.Timer;
import io.metallb.bgp.wire.AfiSafi;
import io.metallb.bgp.wire.BgpError;
import io.metallb.bgp.wire.Bytes;
import io.metallb.bgp.wire.Capability;
import io.metallb.bgp.wire.Decoded;
import io.metallb.bgp.wire.Notification;
import io.metallb.bgp.wire.Open;
import io.metallb.bgp.wire.RouteRefresh;
import io.metallb.bgp.wire.Update;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every state against every event, from one table. */
class SessionFsmTest {
    static final long MY_AS = 64512;
    static final long PEER_AS = 4_200_000_001L;
    static final long MY_ID = 0x0A000001L;
    static final Duration RETRY = Duration.ofSeconds(10);
    static final List<Capability> CAPS = List.of(new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST),
            new Capability.Multiprotocol(AfiSafi.IPV6_UNICAST), new Capability.RouteRefresh(),
            new Capability.FourOctetAs(MY_AS));
    static final SessionConfig CONFIG = new SessionConfig(MY_AS, OptionalLong.of(PEER_AS), Optional.empty(), MY_ID,
            Duration.ofSeconds(90), Duration.ofSeconds(30), RETRY, CAPS);
    static final Open PEER_OPEN = Open.of(PEER_AS, 60, 0x0A000002L, List.of(
            new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST), new Capability.FourOctetAs(PEER_AS)));
    static final Negotiated NEGOTIATED = Negotiated.of(CONFIG.open(), CONFIG.keepalive(), PEER_OPEN);
    static final Duration HOLD = Duration.ofSeconds(60);
    static final Duration KEEPALIVE = Duration.ofSeconds(20);

    static final SessionEvent START = new SessionEvent.Start();
    static final SessionEvent STOP = SessionEvent.Stop.shutdown(Optional.empty());
    static final SessionEvent RETRY_EXPIRED = new SessionEvent.ConnectRetryTimerExpired();
    static final SessionEvent HOLD_EXPIRED = new SessionEvent.HoldTimerExpired();
    static final SessionEvent KEEPALIVE_EXPIRED = new SessionEvent.KeepaliveTimerExpired();
    static final SessionEvent CONNECTED = new SessionEvent.TcpConnected();
    static final SessionEvent FAILED = new SessionEvent.TcpFailed("reset");
    static final SessionEvent OPEN = new SessionEvent.OpenReceived(PEER_OPEN);
    static final SessionEvent KEEPALIVE_IN = new SessionEvent.KeepaliveReceived();
    static final Decoded UPDATE_IN = new Decoded(Update.END_OF_RIB_IPV4, List.of());
    static final SessionEvent UPDATE = new SessionEvent.UpdateReceived(UPDATE_IN);
    static final SessionEvent REFRESH = new SessionEvent.RouteRefreshReceived(
            new RouteRefresh(AfiSafi.IPV4_UNICAST, 0));
    static final Notification PEER_CEASE = new Notification(6, 2, Bytes.EMPTY);
    static final SessionEvent NOTIFICATION = new SessionEvent.NotificationReceived(PEER_CEASE);
    static final BgpError BAD = BgpError.reset(1, 2, Bytes.of((byte) 0, (byte) 5), "length 5");
    static final SessionEvent ERROR = new SessionEvent.MessageError(BAD);

    static final SessionAction RESTART_1 = new ScheduleRestart(Duration.ofSeconds(1));
    static final SessionAction CLOSE = new CloseConnection();
    static final List<SessionAction> STOP_TIMERS = List.of(new StopTimer(Timer.CONNECT_RETRY),
            new StopTimer(Timer.HOLD), new StopTimer(Timer.KEEPALIVE));

    static Session in(SessionState state) {
        boolean open = state == OPEN_CONFIRM || state == ESTABLISHED;
        return new Session(state, 0, open ? Optional.of(NEGOTIATED) : Optional.empty());
    }

    static List<SessionAction> concat(List<SessionAction> a, SessionAction... b) {
        return Stream.concat(a.stream(), Stream.of(b)).toList();
    }

    static List<SessionAction> fail(Notification n, boolean down) {
        List<SessionAction> head = n == null ? List.of(CLOSE) : List.of(new SendNotification(n), CLOSE);
        List<SessionAction> l = Stream.concat(head.stream(), STOP_TIMERS.stream()).toList();
        return down ? concat(l, new SessionDown("x"), RESTART_1) : concat(l, RESTART_1);
    }

    static Notification fsm(int subcode) {
        return new Notification(5, subcode, Bytes.EMPTY);
    }

    static final Notification HOLD_NOTE = new Notification(4, 0, Bytes.EMPTY);
    static final Notification SHUTDOWN = new Notification(6, 2, Bytes.EMPTY);

    static Stream<Arguments> table() {
        List<SessionAction> none = List.of();
        List<SessionAction> dial = List.of(new StartTimer(Timer.CONNECT_RETRY, RETRY), new Connect());
        List<SessionAction> sendOpen = List.of(new StopTimer(Timer.CONNECT_RETRY), new SendOpen(),
                new StartTimer(Timer.HOLD, SessionConfig.OPEN_HOLD_TIME));
        List<SessionAction> stopQuiet = concat(List.of(CLOSE), STOP_TIMERS.toArray(SessionAction[]::new));
        List<SessionAction> stopLoud = Stream.concat(Stream.of(new SendNotification(SHUTDOWN), CLOSE),
                STOP_TIMERS.stream()).toList();
        List<SessionAction> keepalive = List.of(new SendKeepalive(), new StartTimer(Timer.KEEPALIVE, KEEPALIVE));
        List<SessionAction> holdRestart = List.of(new StartTimer(Timer.HOLD, HOLD));
        return Stream.of(
                // Idle: only Start does anything.
                Arguments.of(IDLE, START, CONNECT, dial),
                Arguments.of(IDLE, STOP, IDLE, none),
                Arguments.of(IDLE, RETRY_EXPIRED, IDLE, none),
                Arguments.of(IDLE, HOLD_EXPIRED, IDLE, none),
                Arguments.of(IDLE, KEEPALIVE_EXPIRED, IDLE, none),
                Arguments.of(IDLE, CONNECTED, IDLE, none),
                Arguments.of(IDLE, FAILED, IDLE, none),
                Arguments.of(IDLE, OPEN, IDLE, none),
                Arguments.of(IDLE, KEEPALIVE_IN, IDLE, none),
                Arguments.of(IDLE, UPDATE, IDLE, none),
                Arguments.of(IDLE, REFRESH, IDLE, none),
                Arguments.of(IDLE, NOTIFICATION, IDLE, none),
                Arguments.of(IDLE, ERROR, IDLE, none),
                // Connect.
                Arguments.of(CONNECT, START, CONNECT, none),
                Arguments.of(CONNECT, STOP, IDLE, stopQuiet),
                Arguments.of(CONNECT, RETRY_EXPIRED, CONNECT, concat(List.of(CLOSE), dial.toArray(SessionAction[]::new))),
                Arguments.of(CONNECT, HOLD_EXPIRED, IDLE, fail(null, false)),
                Arguments.of(CONNECT, KEEPALIVE_EXPIRED, IDLE, fail(null, false)),
                Arguments.of(CONNECT, CONNECTED, OPEN_SENT, sendOpen),
                Arguments.of(CONNECT, FAILED, ACTIVE, List.of(CLOSE)),
                Arguments.of(CONNECT, OPEN, IDLE, fail(null, false)),
                Arguments.of(CONNECT, KEEPALIVE_IN, IDLE, fail(null, false)),
                Arguments.of(CONNECT, UPDATE, IDLE, fail(null, false)),
                Arguments.of(CONNECT, REFRESH, IDLE, fail(null, false)),
                Arguments.of(CONNECT, NOTIFICATION, IDLE, fail(null, false)),
                Arguments.of(CONNECT, ERROR, IDLE, fail(null, false)),
                // Active: waits for the ConnectRetryTimer, or takes a connection.
                Arguments.of(ACTIVE, START, ACTIVE, none),
                Arguments.of(ACTIVE, STOP, IDLE, stopQuiet),
                Arguments.of(ACTIVE, RETRY_EXPIRED, CONNECT, concat(List.of(CLOSE), dial.toArray(SessionAction[]::new))),
                Arguments.of(ACTIVE, HOLD_EXPIRED, IDLE, fail(null, false)),
                Arguments.of(ACTIVE, KEEPALIVE_EXPIRED, IDLE, fail(null, false)),
                Arguments.of(ACTIVE, CONNECTED, OPEN_SENT, sendOpen),
                Arguments.of(ACTIVE, FAILED, IDLE, fail(null, false)),
                Arguments.of(ACTIVE, OPEN, IDLE, fail(null, false)),
                Arguments.of(ACTIVE, KEEPALIVE_IN, IDLE, fail(null, false)),
                Arguments.of(ACTIVE, UPDATE, IDLE, fail(null, false)),
                Arguments.of(ACTIVE, REFRESH, IDLE, fail(null, false)),
                Arguments.of(ACTIVE, NOTIFICATION, IDLE, fail(null, false)),
                Arguments.of(ACTIVE, ERROR, IDLE, fail(null, false)),
                // OpenSent.
                Arguments.of(OPEN_SENT, START, OPEN_SENT, none),
                Arguments.of(OPEN_SENT, STOP, IDLE, stopLoud),
                Arguments.of(OPEN_SENT, RETRY_EXPIRED, IDLE, fail(fsm(1), false)),
                Arguments.of(OPEN_SENT, HOLD_EXPIRED, IDLE, fail(HOLD_NOTE, false)),
                Arguments.of(OPEN_SENT, KEEPALIVE_EXPIRED, IDLE, fail(fsm(1), false)),
                Arguments.of(OPEN_SENT, CONNECTED, IDLE, fail(fsm(1), false)),
                Arguments.of(OPEN_SENT, FAILED, ACTIVE, List.of(CLOSE, new StopTimer(Timer.HOLD),
                        new StartTimer(Timer.CONNECT_RETRY, RETRY))),
                Arguments.of(OPEN_SENT, OPEN, OPEN_CONFIRM, List.of(new StopTimer(Timer.CONNECT_RETRY),
                        new SendKeepalive(), new StartTimer(Timer.HOLD, HOLD), new StartTimer(Timer.KEEPALIVE,
                                KEEPALIVE))),
                Arguments.of(OPEN_SENT, KEEPALIVE_IN, IDLE, fail(fsm(1), false)),
                Arguments.of(OPEN_SENT, UPDATE, IDLE, fail(fsm(1), false)),
                Arguments.of(OPEN_SENT, REFRESH, IDLE, fail(fsm(1), false)),
                Arguments.of(OPEN_SENT, NOTIFICATION, IDLE, fail(null, false)),
                Arguments.of(OPEN_SENT, ERROR, IDLE, fail(BAD.toNotification(), false)),
                // OpenConfirm.
                Arguments.of(OPEN_CONFIRM, START, OPEN_CONFIRM, none),
                Arguments.of(OPEN_CONFIRM, STOP, IDLE, stopLoud),
                Arguments.of(OPEN_CONFIRM, RETRY_EXPIRED, IDLE, fail(fsm(2), false)),
                Arguments.of(OPEN_CONFIRM, HOLD_EXPIRED, IDLE, fail(HOLD_NOTE, false)),
                Arguments.of(OPEN_CONFIRM, KEEPALIVE_EXPIRED, OPEN_CONFIRM, keepalive),
                Arguments.of(OPEN_CONFIRM, CONNECTED, IDLE, fail(fsm(2), false)),
                Arguments.of(OPEN_CONFIRM, FAILED, IDLE, fail(null, false)),
                Arguments.of(OPEN_CONFIRM, OPEN, IDLE, fail(fsm(2), false)),
                Arguments.of(OPEN_CONFIRM, KEEPALIVE_IN, ESTABLISHED, concat(holdRestart, new SessionUp(NEGOTIATED))),
                Arguments.of(OPEN_CONFIRM, UPDATE, IDLE, fail(fsm(2), false)),
                Arguments.of(OPEN_CONFIRM, REFRESH, IDLE, fail(fsm(2), false)),
                Arguments.of(OPEN_CONFIRM, NOTIFICATION, IDLE, fail(null, false)),
                Arguments.of(OPEN_CONFIRM, ERROR, IDLE, fail(BAD.toNotification(), false)),
                // Established.
                Arguments.of(ESTABLISHED, START, ESTABLISHED, none),
                Arguments.of(ESTABLISHED, STOP, IDLE, concat(stopLoud, new SessionDown("x"))),
                Arguments.of(ESTABLISHED, RETRY_EXPIRED, IDLE, fail(fsm(3), true)),
                Arguments.of(ESTABLISHED, HOLD_EXPIRED, IDLE, fail(HOLD_NOTE, true)),
                Arguments.of(ESTABLISHED, KEEPALIVE_EXPIRED, ESTABLISHED, keepalive),
                Arguments.of(ESTABLISHED, CONNECTED, IDLE, fail(fsm(3), true)),
                Arguments.of(ESTABLISHED, FAILED, IDLE, fail(null, true)),
                Arguments.of(ESTABLISHED, OPEN, IDLE, fail(fsm(3), true)),
                Arguments.of(ESTABLISHED, KEEPALIVE_IN, ESTABLISHED, holdRestart),
                Arguments.of(ESTABLISHED, UPDATE, ESTABLISHED, concat(holdRestart,
                        new SessionAction.UpdateReceived(UPDATE_IN))),
                Arguments.of(ESTABLISHED, REFRESH, ESTABLISHED, concat(holdRestart, new ResendRoutes())),
                Arguments.of(ESTABLISHED, NOTIFICATION, IDLE, fail(null, true)),
                Arguments.of(ESTABLISHED, ERROR, IDLE, fail(BAD.toNotification(), true)));
    }

    /** SessionDown reasons are free text for logs; the table compares only their presence. */
    static List<SessionAction> comparable(List<SessionAction> actions) {
        return actions.stream().map(a -> a instanceof SessionDown ? new SessionDown("x") : a).toList();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("table")
    void transition(SessionState from, SessionEvent event, SessionState to, List<SessionAction> actions) {
        Transition t = SessionFsm.step(CONFIG, in(from), event);
        assertThat(t.state()).isEqualTo(to);
        assertThat(comparable(t.actions())).containsExactlyElementsOf(actions);
    }

    @ParameterizedTest
    @MethodSource("states")
    void tableCoversEveryStateAndEvent(SessionState state) {
        assertThat(table().filter(a -> a.get()[0] == state).count()).isEqualTo(13);
    }

    static Stream<SessionState> states() {
        return Stream.of(SessionState.values());
    }
}
