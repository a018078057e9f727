package io.metallb.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metallb.api.config.BgpPeer;
import io.metallb.api.net.IpAddress;
import io.metallb.bgp.BgpCounters;
import io.metallb.bgp.fsm.SessionConfig;
import io.metallb.bgp.wire.AfiSafi;
import io.metallb.bgp.wire.Capability;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the options change in the OPEN and the state machine's configuration. */
class SpeakerOptionsTest {

    static BgpPeer peer(String name, boolean gracefulRestart) {
        return new BgpPeer(name, 64512, OptionalLong.of(64513), Optional.empty(), IpAddress.parse("127.0.0.1"),
                Optional.empty(), 179, Duration.ofSeconds(90), Duration.ofSeconds(30), Optional.empty(),
                Optional.of(IpAddress.parse("10.0.0.1")), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), gracefulRestart, false, Optional.empty());
    }

    static Capability.GracefulRestart gr(SessionConfig c) {
        return c.open().capability(Capability.GracefulRestart.class).orElseThrow();
    }

    @Test
    void afterARestartTheFirstOpenSetsRestartAndForwardingState() {
        try (BgpSpeaker speaker = new BgpSpeaker(Map.of(), BgpCounters.NONE, () -> IpAddress.parse("10.0.0.9"))) {
            Capability.GracefulRestart restarting = gr(speaker.sessionConfig(peer("p", true), true));
            assertThat(restarting.flags()).isEqualTo(0x8); // RFC 4724 §3: Restart State
            assertThat(restarting.families()).extracting(Capability.GracefulRestart.Family::flags)
                    .containsOnly(0x80); // Forwarding State of every family
            assertThat(restarting.families()).extracting(Capability.GracefulRestart.Family::family)
                    .containsExactly(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST);
            Capability.GracefulRestart steady = gr(speaker.sessionConfig(peer("p", true), false));
            assertThat(steady.flags()).isZero();
            assertThat(steady.families()).extracting(Capability.GracefulRestart.Family::flags).containsOnly(0);
            assertThat(speaker.sessionConfig(peer("p", false), true).open()
                    .capability(Capability.GracefulRestart.class)).as("no capability without graceful restart")
                    .isEmpty();
        }
    }

    @Test
    void passivePeersAreNamedAndNeedAListenAddress() {
        assertThatThrownBy(() -> SpeakerOptions.DEFAULT.withPassivePeers(Set.of("p")))
                .hasMessageContaining("passivePeers [p] need a listen address");
        SpeakerOptions options = SpeakerOptions.DEFAULT.withListen(new java.net.InetSocketAddress("127.0.0.1", 0))
                .withPassivePeers(Set.of("p"));
        try (BgpSpeaker speaker = new BgpSpeaker(Map.of(), BgpCounters.NONE, () -> IpAddress.parse("10.0.0.9"),
                options)) {
            assertThat(speaker.sessionConfig(peer("p", false), false).passive()).isTrue();
            assertThat(speaker.sessionConfig(peer("q", false), false).passive()).as("active by default").isFalse();
            assertThat(speaker.listening()).hasValueSatisfying(a -> assertThat(a.getPort()).isPositive());
        }
        try (BgpSpeaker speaker = new BgpSpeaker(Map.of(), BgpCounters.NONE, () -> IpAddress.parse("10.0.0.9"))) {
            assertThat(speaker.listening()).as("no listening socket unless asked").isEmpty();
        }
    }
}
