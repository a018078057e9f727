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

/** Our speaker against gobgpd on loopback (127.0.0.3:17921), checked through {@code gobgp ... -j}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GobgpIT {
    static final String GOBGPD = "/usr/bin/gobgpd";
    static final int PORT = 17921;
    static final int API = 50121;
    static final String LISTEN = "127.0.0.3";
    static final long GOBGP_AS = 64700;

    Path dir;
    Process gobgpd;
    BgpSpeaker speaker;
    final Map<String, Boolean> up = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
    final Captures captures = new Captures("GoBGP");

    @BeforeAll
    void start() {
        Routers.require(GOBGPD);
        Routers.require("/usr/bin/gobgp");
        dir = Routers.tempDir("gobgp-it");
        StringBuilder toml = new StringBuilder("""
                [global.config]
                  as = %d
                  router-id = "10.0.0.201"
                  port = %d
                  local-address-list = ["%s"]
                """.formatted(GOBGP_AS, PORT, LISTEN));
        neighbor(toml, "127.0.2.1", 64512);
        neighbor(toml, "127.0.2.2", GOBGP_AS);
        neighbor(toml, "127.0.2.3", 4_200_000_002L);
        Routers.write(dir.resolve("gobgpd.toml"), toml.toString());
        gobgpd = Routers.start(dir, "gobgpd", List.of(GOBGPD, "-f", dir.resolve("gobgpd.toml").toString(),
                "--api-hosts", "127.0.0.1:" + API, "--pprof-disable", "-p"));
        await("gobgpd's API", () -> gobgp("global").contains("64700"), () -> gobgp("global"));
    }

    static void neighbor(StringBuilder toml, String address, long as) {
        neighbor(toml, address, as, "", "passive-mode = true", "ipv4-unicast", "ipv6-unicast");
    }

    /** A gobgpd {@code [[neighbors]]} block; {@code config} and {@code transport} are extra TOML lines. */
    static void neighbor(StringBuilder toml, String address, long as, String config, String transport,
            String... families) {
        toml.append("""
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "%s"
                    peer-as = %d
                    %s
                  [neighbors.transport.config]
                    %s
                """.formatted(address, as, config, transport));
        for (String family : families) {
            toml.append("""
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "%s"
                    """.formatted(family));
        }
    }

    @AfterAll
    void stop() {
        Routers.stop(gobgpd);
        Routers.deleteTree(dir);
    }

    @BeforeEach
    void newSpeaker() {
        up.clear();
        received.set(0);
        speaker = new BgpSpeaker(Map.of(), new BgpCounters() {
            @Override
            public void sessionUp(String peer, boolean isUp) {
                up.put(peer, isUp);
            }

            @Override
            public void updatesReceived(String peer, int count) {
                received.addAndGet(count);
            }
        }, () -> IpAddress.parse("10.255.255.2"), SpeakerOptions.DEFAULT.withTap(captures));
    }

    @AfterEach
    void closeSpeaker() {
        speaker.close();
        captures.check();
    }

    /** Every message the router sent was checked after its test; here: the capture saw each kind it should. */
    @AfterAll
    void capturedMessagesRoundTrip() {
        // gobgpd sends End-of-RIB only to peers with graceful restart, and no NOTIFICATION in these tests.
        captures.assertSaw("OPEN", "KEEPALIVE", "UPDATE");
    }

    String gobgp(String args) {
        List<String> command = new java.util.ArrayList<>(List.of("gobgp", "-p", String.valueOf(API)));
        command.addAll(List.of(args.split(" ")));
        return Routers.run(command).replaceAll("\\s+", "");
    }

    String state() {
        String log = gobgpLog();
        return gobgp("neighbor") + "\n"
                + log.substring(Math.max(0, log.length() - 3000));
    }

    String rib(String family) {
        return gobgp("global rib -a " + family + " -j");
    }

    boolean established(String address) {
        return gobgp("neighbor " + address).contains("BGPstate=ESTABLISHED");
    }

    /**
     * gobgpd treats routes whose next hop is in 127/8 as withdrawn ("invalid nexthop address"), so on loopback
     * it cannot hold our routes; this checks the sessions, that our UPDATEs arrive without any NOTIFICATION, and
     * that routes gobgpd sends us are counted (and dropped) without disturbing the session.
     */
    @Test
    void ebgpSessionBothWaysWithoutNotification() {
        BgpPeer peer = TestConfigs.peer("gobgp-ebgp", 64512, GOBGP_AS, "127.0.2.1", LISTEN, PORT,
                Duration.ofSeconds(90), Optional.empty());
        Config config = TestConfigs.config(List.of(peer), List.of(TestConfigs.advertisement("adv",
                OptionalLong.empty(), List.of(), "64512:7", "large:64512:1:2")));
        speaker.apply(config, TestConfigs.announce("adv", "198.51.100.70", "2001:db8::70"));
        // The counters' peer label is MetalLB's: the router's address:port.
        await("eBGP session", () -> established("127.0.2.1")
                && Boolean.TRUE.equals(up.get(LISTEN + ":" + PORT)),
                this::state);
        await("our UPDATEs at gobgpd", () -> gobgpLog().contains("treated as withdraw"), this::state);
        gobgp("global rib add -a ipv4 198.51.100.80/32 community 64700:1 large-community 64700:1:2");
        gobgp("global rib add -a ipv6 2001:db8::80/128 nexthop 2001:db8::1");
        await("gobgpd's UPDATEs counted", () -> received.get() >= 2, () -> received + " " + state());
        assertThat(gobgpLog()).doesNotContain("Notification");
        assertThat(established("127.0.2.1")).isTrue();
    }

    String gobgpLog() {
        try {
            return java.nio.file.Files.readString(dir.resolve("gobgpd.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void ibgpAndFourOctetSessions() {
        BgpPeer ibgp = TestConfigs.peer("gobgp-ibgp", GOBGP_AS, GOBGP_AS, "127.0.2.2", LISTEN, PORT,
                Duration.ofSeconds(90), Optional.empty());
        BgpPeer as4 = TestConfigs.peer("gobgp-as4", 4_200_000_002L, GOBGP_AS, "127.0.2.3", LISTEN, PORT,
                Duration.ofSeconds(90), Optional.empty());
        Config config = TestConfigs.config(List.of(ibgp, as4), List.of(TestConfigs.advertisement("adv",
                OptionalLong.of(170), List.of())));
        speaker.apply(config, TestConfigs.announce("adv", "203.0.113.71"));
        await("iBGP and 4-octet AS sessions", () -> established("127.0.2.2") && established("127.0.2.3"),
                this::state);
        assertThat(gobgp("neighbor 127.0.2.3")).contains("4200000002");
    }
}
