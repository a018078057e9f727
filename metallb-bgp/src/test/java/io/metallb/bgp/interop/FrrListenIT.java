package io.metallb.bgp.interop;

import static io.metallb.bgp.interop.Routers.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.bgp.speaker.BgpSpeaker;
import io.metallb.bgp.speaker.SpeakerOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Listening (passive) sessions, connection collisions and graceful restart against FRR's bgpd on loopback
 * (127.0.5.10:18000). FRR dials 127.0.5.1:18001 and 127.0.5.2:18002 itself; 127.0.5.3 and 127.0.5.4 are passive
 * on its side, with graceful restart (RFC 4724) on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrrListenIT {
    static final String FRR = "127.0.5.10";
    static final int FRR_PORT = 18000;
    static final long FRR_AS = 64600;

    Frr frr;

    @BeforeAll
    void start() {
        StringBuilder conf = new StringBuilder("""
                hostname frr-listen
                router bgp %d
                 bgp router-id 10.0.0.210
                 no bgp ebgp-requires-policy
                 bgp allow-martian-nexthop
                 bgp graceful-restart
                """.formatted(FRR_AS));
        for (int i = 1; i <= 2; i++) { // FRR dials these
            String n = " neighbor 127.0.5." + i;
            conf.append(n).append(" remote-as ").append(64520 + i).append('\n')
                    .append(n).append(" port ").append(FRR_PORT + i).append('\n')
                    .append(n).append(" update-source ").append(FRR).append('\n')
                    .append(n).append(" disable-connected-check\n")
                    .append(n).append(" timers connect 1\n");
        }
        for (int i = 3; i <= 4; i++) { // these dial FRR
            String n = " neighbor 127.0.5." + i;
            conf.append(n).append(" remote-as ").append(64520 + i).append('\n').append(n).append(" passive\n");
        }
        frr = new Frr("frr-listen-it", FRR, FRR_PORT, conf.toString());
    }

    @AfterAll
    void stop() {
        if (frr != null) {
            frr.close();
        }
    }

    static BgpPeer peer(String name, int i) {
        return TestConfigs.peer(name, 64520 + i, FRR_AS, "127.0.5." + i, FRR, FRR_PORT, Duration.ofSeconds(90),
                Optional.empty());
    }

    static Config config(BgpPeer peer) {
        return TestConfigs.config(List.of(peer), List.of(TestConfigs.advertisement("adv", OptionalLong.empty(),
                List.of())));
    }

    @Test
    void frrDialsAPassivePeerThatOnlyListens() {
        BgpPeer peer = peer("frr-dials", 1);
        Bulk.Counting counters = new Bulk.Counting();
        SpeakerOptions options = SpeakerOptions.DEFAULT.withListen(new InetSocketAddress("127.0.5.1", FRR_PORT + 1))
                .withPassivePeers(Set.of("frr-dials"));
        try (BgpSpeaker speaker = new BgpSpeaker(Map.of(), counters, () -> IpAddress.parse("10.255.255.20"),
                options)) {
            speaker.apply(config(peer), TestConfigs.announce("adv", "203.0.113.140"));
            await("FRR's session to our listening socket, with our route", () -> frr.established("127.0.5.1")
                    && frr.has("203.0.113.140/32"), () -> frr.neighbor("127.0.5.1"));
            assertThat(frr.neighborField("127.0.5.1", "portForeign")).as("FRR dialled our listening port")
                    .isEqualTo(FRR_PORT + 1);
            assertThat(counters.up).isTrue();
        }
    }

    /** TCP connections in state ESTABLISHED between two addresses, from {@code ss}. */
    static List<String> connections(String a, String b) {
        return Routers.run(List.of("ss", "-Htn", "state", "established", "src", a, "dst", b)).lines()
                .filter(l -> !l.isBlank()).toList();
    }

    @Test
    void bothDialAndExactlyOneSessionSurvives() {
        BgpPeer peer = peer("frr-both", 2);
        Bulk.Counting counters = new Bulk.Counting();
        SpeakerOptions options = SpeakerOptions.DEFAULT.withListen(new InetSocketAddress("127.0.5.2", FRR_PORT + 2));
        try (BgpSpeaker speaker = new BgpSpeaker(Map.of(), counters, () -> IpAddress.parse("10.255.255.21"),
                options)) {
            speaker.apply(config(peer), TestConfigs.announce("adv", "203.0.113.141"));
            await("one session with our route, on one TCP connection", () -> frr.established("127.0.5.2")
                    && counters.up && frr.has("203.0.113.141/32")
                    && connections("127.0.5.2", FRR).size() == 1,
                    () -> connections("127.0.5.2", FRR) + " " + frr.neighbor("127.0.5.2"));
            long foreign = frr.neighborField("127.0.5.2", "portForeign");
            System.out.println("FRR both dialling: surviving connection is "
                    + (foreign == FRR_PORT + 2 ? "FRR's (to our listening port)" : "ours (to FRR's port)"));
            speaker.apply(config(peer), TestConfigs.announce("adv", "203.0.113.142"));
            await("the route replaced on the one session", () -> frr.has("203.0.113.142/32")
                    && !frr.has("203.0.113.141/32"), () -> frr.neighbor("127.0.5.2"));
            assertThat(connections("127.0.5.2", FRR)).hasSize(1);
            assertThat(frr.established("127.0.5.2")).isTrue();
        }
    }

    /** The IPv4 prefixes FRR holds from a neighbor. */
    Set<String> routesFrom(String neighbor) {
        String json = frr.vtysh("show bgp ipv4 unicast neighbors " + neighbor + " routes json");
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\"(\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+)\":\\[").matcher(json);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void afterOurAbruptRestartFrrKeepsStaleRoutesUntilOurEndOfRib() {
        var dir = Routers.tempDir("frr-gr-speaker");
        List<String> args = List.of("64523", String.valueOf(FRR_AS), String.valueOf(FRR_PORT), "127.0.5.3=" + FRR,
                "--");
        List<String> first = new java.util.ArrayList<>(args);
        first.addAll(List.of("203.0.113.150", "203.0.113.151"));
        try (SpeakerProcess before = SpeakerProcess.startOnHost("speaker-before", dir,
                List.of("-Dspeaker.gracefulRestart=true"), first)) {
            await("the first speaker's routes", () -> routesFrom("127.0.5.3").equals(Set.of("203.0.113.150/32",
                    "203.0.113.151/32")), () -> frr.neighbor("127.0.5.3") + before.output());
            assertThat(frr.neighbor("127.0.5.3")).as("graceful restart negotiated").contains("gracefulRestart");
            before.kill(); // no NOTIFICATION: the session just drops
            await("FRR keeps our routes as stale", () -> frr.stale("203.0.113.150/32")
                    && frr.stale("203.0.113.151/32"), () -> frr.route("203.0.113.150/32"));
        }
        List<String> second = new java.util.ArrayList<>(args);
        second.addAll(List.of("203.0.113.151", "203.0.113.152"));
        try (SpeakerProcess after = SpeakerProcess.startOnHost("speaker-after", dir,
                List.of("-Dspeaker.gracefulRestart=true", "-Dspeaker.restarted=true"), second)) {
            await("after our End-of-RIB FRR holds exactly the new set, nothing stale",
                    () -> routesFrom("127.0.5.3").equals(Set.of("203.0.113.151/32", "203.0.113.152/32"))
                            && !frr.stale("203.0.113.151/32") && !frr.stale("203.0.113.152/32"),
                    () -> routesFrom("127.0.5.3") + frr.neighbor("127.0.5.3") + after.output());
            assertThat(frr.has("203.0.113.150/32")).isFalse();
        } finally {
            Routers.deleteTree(dir);
        }
    }

    @Test
    void whenFrrRestartsWeSendEverythingAndEndOfRib() {
        BgpPeer peer = TestConfigs.withGracefulRestart(peer("frr-gr-peer", 4));
        Bulk.Counting counters = new Bulk.Counting();
        Captures captures = new Captures("FRR");
        try (BgpSpeaker speaker = new BgpSpeaker(Map.of(), counters, () -> IpAddress.parse("10.255.255.22"),
                SpeakerOptions.DEFAULT.withTap(captures))) {
            speaker.apply(config(peer), TestConfigs.announce("adv", "203.0.113.160", "203.0.113.161"));
            await("routes before FRR restarts", () -> routesFrom("127.0.5.4").size() == 2,
                    () -> frr.neighbor("127.0.5.4"));
            frr.stop();
            await("session seen down", () -> !counters.up, () -> "up");
            frr.start();
            await("every route again, and our End-of-RIB for IPv4 seen", () -> routesFrom("127.0.5.4").equals(
                    Set.of("203.0.113.160/32", "203.0.113.161/32")) && endOfRibReceived("127.0.5.4"),
                    () -> frr.neighbor("127.0.5.4"));
            // Every message FRR sent is checked as it is drained; FRR's own End-of-RIB comes to a GR peer.
            await("FRR's End-of-RIB captured", () -> captures.check() >= 0
                    && captures.kinds().contains("END_OF_RIB"), () -> captures.kinds().toString());
        }
        captures.check();
        assertThat(captures.kinds()).as("FRR's messages to a graceful-restart peer, each round-tripped")
                .contains("OPEN", "KEEPALIVE", "END_OF_RIB");
    }

    /** FRR's neighbor JSON: End-of-RIB received from us for IPv4 unicast. */
    boolean endOfRibReceived(String neighbor) {
        return Pattern.compile("\"ipv4Unicast\":\\{[^}]*\"endOfRibRecv\":true").matcher(frr.neighbor(neighbor))
                .find();
    }
}
