package io.metallb.bgp.fsm;

import static io.metallb.bgp.fsm.SessionFsmTest.CONFIG;
import static io.metallb.bgp.fsm.SessionFsmTest.MY_AS;
import static io.metallb.bgp.fsm.SessionFsmTest.MY_ID;
import static io.metallb.bgp.fsm.SessionFsmTest.PEER_AS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metallb.api.config.BgpPeer;
import io.metallb.bgp.wire.AfiSafi;
import io.metallb.bgp.wire.Capability;
import io.metallb.bgp.wire.ErrorCodes;
import io.metallb.bgp.wire.Notification;
import io.metallb.bgp.wire.Open;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The rules inside the transitions: AS checks, hold time negotiation, backoff, collisions. */
class SessionFsmRulesTest {
    private static final Session OPEN_SENT = new Session(SessionState.OPEN_SENT, 2, Optional.empty());

    private static Open peerOpen(long asn, int hold, long id) {
        return Open.of(asn, hold, id, List.of(new Capability.FourOctetAs(asn)));
    }

    private static Transition receive(SessionConfig config, Open open) {
        return SessionFsm.step(config, OPEN_SENT, new SessionEvent.OpenReceived(open));
    }

    private static SessionConfig dynamic(BgpPeer.DynamicAsn d) {
        return new SessionConfig(MY_AS, OptionalLong.empty(), Optional.of(d), MY_ID, Duration.ofSeconds(90),
                Duration.ofSeconds(30), Duration.ofSeconds(10), CONFIG.capabilities());
    }

    private static Optional<Notification> sent(Transition t) {
        return t.actions().stream().filter(SessionAction.SendNotification.class::isInstance)
                .map(a -> ((SessionAction.SendNotification) a).notification()).findFirst();
    }

    @Test
    void wrongPeerAsIsRefusedWithBadPeerAs() {
        Transition t = receive(CONFIG, peerOpen(64999, 90, 2));
        assertThat(t.state()).isEqualTo(SessionState.IDLE);
        assertThat(sent(t)).hasValueSatisfying(n -> {
            assertThat(n.code()).isEqualTo(ErrorCodes.OPEN_MESSAGE);
            assertThat(n.subcode()).isEqualTo(ErrorCodes.BAD_PEER_AS);
        });
        assertThat(t.session().failures()).isEqualTo(3);
        assertThat(t.actions()).endsWith(new SessionAction.ScheduleRestart(Duration.ofSeconds(4)));
    }

    @Test
    void fourOctetPeerAsComesFromTheCapability() {
        assertThat(receive(CONFIG, peerOpen(PEER_AS, 90, 2)).state()).isEqualTo(SessionState.OPEN_CONFIRM);
    }

    @Test
    void dynamicAsnInternalAndExternal() {
        assertThat(receive(dynamic(BgpPeer.DynamicAsn.INTERNAL), peerOpen(MY_AS, 90, 2)).state())
                .isEqualTo(SessionState.OPEN_CONFIRM);
        assertThat(receive(dynamic(BgpPeer.DynamicAsn.INTERNAL), peerOpen(65000, 90, 2)).state())
                .isEqualTo(SessionState.IDLE);
        assertThat(receive(dynamic(BgpPeer.DynamicAsn.EXTERNAL), peerOpen(65000, 90, 2)).state())
                .isEqualTo(SessionState.OPEN_CONFIRM);
        assertThat(sent(receive(dynamic(BgpPeer.DynamicAsn.EXTERNAL), peerOpen(MY_AS, 90, 2))))
                .hasValueSatisfying(n -> assertThat(n.subcode()).isEqualTo(ErrorCodes.BAD_PEER_AS));
    }

    @Test
    void ourOwnIdentifierIsRefused() {
        assertThat(sent(receive(CONFIG, peerOpen(PEER_AS, 90, MY_ID))))
                .hasValueSatisfying(n -> assertThat(n.subcode()).isEqualTo(ErrorCodes.BAD_BGP_IDENTIFIER));
    }

    @Test
    void holdTimeIsTheMinimumAndZeroDisablesKeepalives() {
        Negotiated n = Negotiated.of(CONFIG.open(), Duration.ofSeconds(30), peerOpen(PEER_AS, 9, 2));
        assertThat(n.holdTime()).isEqualTo(Duration.ofSeconds(9));
        assertThat(n.keepalive()).isEqualTo(Duration.ofSeconds(3));
        Negotiated zero = Negotiated.of(CONFIG.open(), Duration.ofSeconds(30), peerOpen(PEER_AS, 0, 2));
        assertThat(zero.holdTime()).isZero();
        assertThat(zero.keepalive()).isZero();
        Transition t = receive(CONFIG, peerOpen(PEER_AS, 0, 2));
        assertThat(t.actions()).contains(new SessionAction.StopTimer(SessionAction.Timer.HOLD),
                new SessionAction.StopTimer(SessionAction.Timer.KEEPALIVE))
                .noneMatch(a -> a instanceof SessionAction.StartTimer);
    }

    @Test
    void holdTimesOfOneOrTwoSecondsCannotBeConfigured() {
        assertThatThrownBy(() -> new SessionConfig(MY_AS, OptionalLong.of(1), Optional.empty(), 1,
                Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(1), List.of()))
                .hasMessageContaining("hold time");
    }

    @Test
    void familiesAreTheIntersectionAndDefaultToIpv4() {
        Negotiated n = Negotiated.of(CONFIG.open(), Duration.ofSeconds(30), peerOpen(PEER_AS, 90, 2));
        assertThat(n.families()).containsExactly(AfiSafi.IPV4_UNICAST);
        assertThat(n.wireOptions().fourOctetAs()).isTrue();
        assertThat(n.wireOptions().extendedMessage()).isFalse();
        assertThat(n.routeRefresh()).isFalse();
    }

    @Test
    void backoffIsMetallbs() {
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 50).stream().map(Backoff::delay).map(Duration::toSeconds))
                .containsExactly(0L, 1L, 2L, 4L, 8L, 16L, 32L, 64L, 120L, 120L, 120L);
    }

    @Test
    void establishedResetsTheFailureCount() {
        Session confirm = new Session(SessionState.OPEN_CONFIRM, 5,
                Optional.of(Negotiated.of(CONFIG.open(), Duration.ofSeconds(30), peerOpen(PEER_AS, 90, 2))));
        assertThat(SessionFsm.step(CONFIG, confirm, new SessionEvent.KeepaliveReceived()).session().failures())
                .isZero();
    }

    @Test
    void stopSendsTheShutdownCommunication() {
        Session established = new Session(SessionState.ESTABLISHED, 0,
                Optional.of(Negotiated.of(CONFIG.open(), Duration.ofSeconds(30), peerOpen(PEER_AS, 90, 2))));
        Transition t = SessionFsm.step(CONFIG, established, SessionEvent.Stop.shutdown(Optional.of("maintenance")));
        assertThat(sent(t)).hasValueSatisfying(n -> assertThat(n.shutdownCommunication()).contains("maintenance"));
        assertThat(t.session()).isEqualTo(Session.IDLE);
    }

    @Test
    void collisionKeepsTheConnectionOfTheHigherIdentifier() {
        assertThat(Collision.survivor(0x0A000002L, 0x0A000001L)).isEqualTo(Collision.Survivor.OUTBOUND);
        assertThat(Collision.survivor(0x0A000001L, 0x0A000002L)).isEqualTo(Collision.Survivor.INBOUND);
        // Unsigned: 192.0.2.1 is above 10.0.0.1 although negative as a signed int.
        assertThat(Collision.survivor(0xC0000201L, 0x0A000001L)).isEqualTo(Collision.Survivor.OUTBOUND);
    }

    @Test
    void stopSendsTheRequestedCeaseSubcode() {
        Session established = new Session(SessionState.ESTABLISHED, 0,
                Optional.of(Negotiated.of(CONFIG.open(), Duration.ofSeconds(30), peerOpen(PEER_AS, 90, 2))));
        Transition t = SessionFsm.step(CONFIG, established,
                new SessionEvent.Stop(ErrorCodes.PEER_DECONFIGURED, Optional.empty()));
        assertThat(sent(t)).contains(new Notification(ErrorCodes.CEASE, ErrorCodes.PEER_DECONFIGURED,
                io.metallb.bgp.wire.Bytes.EMPTY));
    }

    @Test
    void aPassiveSessionWaitsInActiveAndNeverDials() {
        SessionConfig passive = new SessionConfig(MY_AS, OptionalLong.of(PEER_AS), Optional.empty(), MY_ID,
                Duration.ofSeconds(90), Duration.ofSeconds(30), Duration.ofSeconds(10), CONFIG.capabilities(), true);
        Transition started = SessionFsm.step(passive, Session.IDLE, new SessionEvent.Start());
        assertThat(started.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(started.actions()).isEmpty();
        Transition retry = SessionFsm.step(passive, started.session(), new SessionEvent.ConnectRetryTimerExpired());
        assertThat(retry.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(retry.actions()).isEmpty();
        Transition accepted = SessionFsm.step(passive, started.session(), new SessionEvent.TcpConnected());
        assertThat(accepted.state()).isEqualTo(SessionState.OPEN_SENT);
        assertThat(accepted.actions()).contains(new SessionAction.SendOpen());
        assertThat(SessionFsm.step(CONFIG, Session.IDLE, new SessionEvent.Start()).actions())
                .as("active by default").contains(new SessionAction.Connect());
    }
}
