package io.metallb.bgp.interop;

import static io.metallb.bgp.interop.Routers.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.bgp.BgpCounters;
import io.metallb.bgp.speaker.BgpSpeaker;
import io.metallb.bgp.speaker.SpeakerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Our speaker against BIRD 2 on loopback (127.0.0.5:17931), checked through {@code birdc}. BIRD wants eBGP
 * neighbors on a connected network, which loopback addresses are not to it, so its side says {@code multihop}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BirdIT {
    static final String BIRD = "/usr/sbin/bird";
    static final int PORT = 17931;
    static final String LISTEN = "127.0.0.5";
    static final long BIRD_AS = 64900;

    Path dir;
    Process bird;
    BgpSpeaker speaker;
    final Captures captures = new Captures("BIRD");

    @BeforeAll
    void start() {
        Routers.require(BIRD);
        Routers.require("/usr/sbin/birdc");
        dir = Routers.tempDir("bird-it");
        Routers.write(dir.resolve("bird.conf"), """
                router id 10.0.0.202;
                protocol device { }
                protocol static announced {
                  ipv4;
                  route 203.0.113.99/32 blackhole;
                }
                protocol bgp to_speaker_ext {
                  local %1$s port %2$d as %3$d;
                  neighbor 127.0.3.1 as 64512;
                  passive on;
                  multihop;
                  ipv4 { import all; export where proto = "announced"; };
                  ipv6 { import all; export none; };
                }
                protocol bgp to_speaker_int {
                  local %1$s port %2$d as %3$d;
                  neighbor 127.0.3.2 as %3$d;
                  passive on;
                  ipv4 { import all; export none; };
                }
                """.formatted(LISTEN, PORT, BIRD_AS));
        bird = Routers.start(dir, "bird", List.of(BIRD, "-c", dir.resolve("bird.conf").toString(), "-s",
                dir.resolve("bird.ctl").toString(), "-P", dir.resolve("bird.pid").toString(), "-f"));
        await("bird's control socket", () -> birdc("show status").contains("Daemon is up"), () -> birdc("show status"));
    }

    @AfterAll
    void stop() {
        Routers.stop(bird);
        Routers.deleteTree(dir);
    }

    @BeforeEach
    void newSpeaker() {
        speaker = new BgpSpeaker(Map.of(), BgpCounters.NONE, () -> IpAddress.parse("10.255.255.4"),
                SpeakerOptions.DEFAULT.withTap(captures));
    }

    @AfterEach
    void closeSpeaker() {
        speaker.close();
        captures.check();
    }

    /** Every message the router sent was checked after its test; here: the capture saw each kind it should. */
    @AfterAll
    void capturedMessagesRoundTrip() {
        captures.assertSaw("OPEN", "KEEPALIVE", "UPDATE", "END_OF_RIB");
    }

    String birdc(String command) {
        List<String> c = new java.util.ArrayList<>(List.of("/usr/sbin/birdc", "-s", dir.resolve("bird.ctl").toString()));
        c.addAll(List.of(command.split(" ")));
        return Routers.run(c);
    }

    String route(String prefix) {
        return birdc("show route " + prefix + " all");
    }

    @Test
    void ebgpIpv4WithCommunitiesThenWithdraw() {
        BgpPeer peer = TestConfigs.peer("bird-ebgp", 64512, BIRD_AS, "127.0.3.1", LISTEN, PORT,
                Duration.ofSeconds(90), Optional.empty());
        Config config = TestConfigs.config(List.of(peer), List.of(TestConfigs.advertisement("adv",
                OptionalLong.empty(), List.of(), "64512:7", "large:64512:1:2")));
        speaker.apply(config, TestConfigs.announce("adv", "198.51.100.90", "2001:db8::90"));
        await("route at BIRD", () -> route("198.51.100.90/32").contains("198.51.100.90/32"),
                () -> birdc("show protocols all to_speaker_ext"));
        String v4 = route("198.51.100.90/32");
        assertThat(v4).contains("BGP.community: (64512,7)").contains("BGP.large_community: (64512, 1, 2)")
                .contains("BGP.as_path: 64512");
        speaker.apply(config, java.util.Set.of());
        await("route withdrawn", () -> !route("198.51.100.90/32").contains("198.51.100.90/32"),
                () -> route("198.51.100.90/32"));
    }

    @Test
    void ibgpCarriesLocalPref() {
        BgpPeer peer = TestConfigs.peer("bird-ibgp", BIRD_AS, BIRD_AS, "127.0.3.2", LISTEN, PORT,
                Duration.ofSeconds(90), Optional.empty());
        Config config = TestConfigs.config(List.of(peer), List.of(TestConfigs.advertisement("adv",
                OptionalLong.of(150), List.of())));
        speaker.apply(config, TestConfigs.announce("adv", "203.0.113.91"));
        await("iBGP route at BIRD", () -> route("203.0.113.91/32").contains("203.0.113.91/32"),
                () -> birdc("show protocols all to_speaker_int"));
        assertThat(route("203.0.113.91/32")).contains("BGP.local_pref: 150");
    }
}
