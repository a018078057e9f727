package io.metallb.bgp.interop;

import static io.metallb.bgp.interop.Routers.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.Announcement;
import io.metallb.bgp.BgpCounters;
import io.metallb.bgp.speaker.BgpSpeaker;
import io.metallb.bgp.speaker.SpeakerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Our speaker against FRR's bgpd (without zebra) on loopback: bgpd listens on 127.0.0.2:17911 and knows one
 * neighbor per scenario, each on its own 127.0.1.x source address. Checked through vtysh's JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrrIT {
    static final String BGPD = "/usr/lib/frr/bgpd";
    static final int PORT = 17911;
    static final String LISTEN = "127.0.0.2";
    static final long FRR_AS = 64600;

    Path dir;
    Process bgpd;
    BgpSpeaker speaker;
    /**
     * Session state by the counters' peer label, MetalLB's {@code address:port} of the router: every session of
     * this class dials FRR at {@link #ROUTER}, so a test reads it while its session is the only one.
     */
    final Map<String, Boolean> up = new ConcurrentHashMap<>();
    static final String ROUTER = LISTEN + ":" + PORT;
    final Captures captures = new Captures("FRR");

    @BeforeAll
    void startFrr() {
        Routers.require(BGPD);
        Routers.require("/usr/bin/vtysh");
        dir = Routers.tempDir("frr-it");
        Routers.write(dir.resolve("bgpd.conf"), """
                hostname frr-it
                router bgp %d
                 bgp router-id 10.0.0.200
                 no bgp ebgp-requires-policy
                 bgp allow-martian-nexthop
                 neighbor 127.0.1.1 remote-as 64512
                 neighbor 127.0.1.1 passive
                 neighbor 127.0.1.2 remote-as %d
                 neighbor 127.0.1.2 passive
                 neighbor 127.0.1.3 remote-as 4200000001
                 neighbor 127.0.1.3 passive
                 neighbor 127.0.1.4 remote-as 64513
                 neighbor 127.0.1.4 passive
                 neighbor 127.0.1.4 timers 3 9
                 neighbor 127.0.1.5 remote-as 64514
                 neighbor 127.0.1.5 passive
                 neighbor 127.0.1.5 password right-secret
                 neighbor 127.0.1.6 remote-as 64515
                 neighbor 127.0.1.6 passive
                 neighbor 127.0.1.6 password right-secret
                 neighbor 127.0.1.7 remote-as 64516
                 neighbor 127.0.1.7 passive
                 address-family ipv6 unicast
                  neighbor 127.0.1.7 activate
                  neighbor 127.0.1.1 activate
                  neighbor 127.0.1.2 activate
                 exit-address-family
                """.formatted(FRR_AS, FRR_AS));
        startBgpd();
    }

    @BeforeEach
    void newSpeaker() {
        up.clear();
        speaker = new BgpSpeaker(Map.of(), new BgpCounters() {
            @Override
            public void sessionUp(String peer, boolean isUp) {
                up.put(peer, isUp);
            }
        }, () -> IpAddress.parse("10.255.255.1"), SpeakerOptions.DEFAULT.withTap(captures));
    }

    @AfterEach
    void closeSpeaker() {
        speaker.close();
        captures.check();
    }

    /** Every message the router sent was checked after its test; here: the capture saw each kind it should. */
    @AfterAll
    void capturedMessagesRoundTrip() {
        // End-of-RIB: FRR sends it only to peers with graceful restart (FrrListenIT captures it there).
        captures.assertSaw("OPEN", "KEEPALIVE", "UPDATE", "NOTIFICATION");
    }

    void startBgpd() {
        bgpd = Routers.start(dir, "bgpd", List.of(BGPD, "-f", dir.resolve("bgpd.conf").toString(), "-i",
                dir.resolve("bgpd.pid").toString(), "-z", dir.resolve("zserv.api").toString(), "--vty_socket",
                dir.toString(), "-Z", "-p", String.valueOf(PORT), "-l", LISTEN, "-A", "127.0.0.1", "-P", "0", "-S"));
        await("bgpd's vty", () -> vtysh("show bgp summary json").contains("\"as\""), () -> vtysh("show version"));
    }

    @AfterAll
    void stop() {
        if (bgpd != null) {
            Routers.signal(bgpd, "CONT");
        }
        Routers.stop(bgpd);
        Routers.deleteTree(dir);
    }

    /** vtysh's output with all white space removed, so JSON can be matched as text. */
    String vtysh(String command) {
        return Routers.run(List.of("vtysh", "--vty_socket", dir.toString(), "-d", "bgpd", "-c", command))
                .replaceAll("\\s+", "");
    }

    String route(String family, String prefix) {
        return vtysh("show bgp " + family + " unicast " + prefix + " json");
    }

    boolean has(String family, String prefix) {
        return route(family, prefix).contains("\"paths\"");
    }

    String neighbor(String address) {
        return vtysh("show bgp neighbors " + address + " json");
    }

    BgpPeer peer(String name, long myAs, String source, Duration hold, Optional<String> password) {
        return TestConfigs.peer(name, myAs, FRR_AS, source, LISTEN, PORT, hold, password);
    }

    @Test
    void ebgpIpv4AndIpv6WithCommunitiesThenWithdrawWithoutReset() {
        BgpPeer peer = peer("frr-ebgp", 64512, "127.0.1.1", Duration.ofSeconds(90), Optional.empty());
        Config config = TestConfigs.config(List.of(peer), List.of(TestConfigs.advertisement("adv",
                OptionalLong.empty(), List.of(), "64512:7", "65535:65281",
                "large:64512:1:2")));
        Set<Announcement> both = TestConfigs.announce("adv", "198.51.100.10", "2001:db8::10");
        speaker.apply(config, both);
        await("both prefixes at FRR", () -> has("ipv4", "198.51.100.10/32") && has("ipv6", "2001:db8::10/128"),
                () -> neighbor("127.0.1.1"));
        String v4 = route("ipv4", "198.51.100.10/32");
        assertThat(v4).contains("64512:7").contains("noExport").contains("64512:1:2");
        assertThat(v4).contains("\"aspath\"").contains("64512");
        assertThat(route("ipv6", "2001:db8::10/128")).contains("64512:1:2");
        assertThat(speaker.status(config, both).values()).allMatch(s -> s.state().name().equals("ANNOUNCED"));
        String connections = connections("127.0.1.1");

        speaker.apply(config, TestConfigs.announce("adv", "198.51.100.10"));
        await("IPv6 withdrawn", () -> !has("ipv6", "2001:db8::10/128"), () -> route("ipv6", "2001:db8::10/128"));
        speaker.apply(config, Set.of());
        await("IPv4 withdrawn", () -> !has("ipv4", "198.51.100.10/32"), () -> route("ipv4", "198.51.100.10/32"));
        assertThat(connections("127.0.1.1")).as("announcing and withdrawing never reset the session")
                .isEqualTo(connections);
    }

    String connections(String address) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"connectionsEstablished\":(\\d+)")
                .matcher(neighbor(address));
        return m.find() ? m.group(1) : "none";
    }

    boolean established(String address) {
        return neighbor(address).contains("\"bgpState\":\"Established\"");
    }

    @Test
    void ibgpCarriesLocalPrefAndAnEmptyAsPath() {
        BgpPeer peer = peer("frr-ibgp", FRR_AS, "127.0.1.2", Duration.ofSeconds(90), Optional.empty());
        Config config = TestConfigs.config(List.of(peer), List.of(TestConfigs.advertisement("adv",
                OptionalLong.of(150), List.of())));
        speaker.apply(config, TestConfigs.announce("adv", "203.0.113.20", "2001:db8::20"));
        await("iBGP routes", () -> has("ipv4", "203.0.113.20/32") && has("ipv6", "2001:db8::20/128"),
                () -> neighbor("127.0.1.2"));
        String v4 = route("ipv4", "203.0.113.20/32");
        assertThat(v4).contains("\"locPrf\":150").contains("\"aspath\":{\"string\":\"Local\"");
    }

    @Test
    void fourOctetAsReachesThePath() {
        BgpPeer peer = TestConfigs.peer("frr-as4", 4_200_000_001L, FRR_AS, "127.0.1.3", LISTEN, PORT,
                Duration.ofSeconds(90), Optional.empty());
        Config config = TestConfigs.config(List.of(peer), List.of(TestConfigs.advertisement("adv",
                OptionalLong.empty(), List.of())));
        speaker.apply(config, TestConfigs.announce("adv", "203.0.113.30"));
        await("route from AS 4200000001", () -> has("ipv4", "203.0.113.30/32"), () -> neighbor("127.0.1.3"));
        assertThat(route("ipv4", "203.0.113.30/32")).contains("4200000001");
    }

    @Test
    void tcpMd5MatchGivesASessionAndMismatchNone() {
        Routers.require("/usr/bin/vtysh");
        Routers.requireThat(speaker.nativeTransport(), "TCP-MD5 needs Netty's epoll transport, which did not load");
        BgpPeer right = TestConfigs.peer("frr-md5", 64514, FRR_AS, "127.0.1.5", LISTEN, PORT, Duration.ofSeconds(90),
                Optional.of("right-secret"));
        BgpPeer wrong = TestConfigs.peer("frr-md5-wrong", 64515, FRR_AS, "127.0.1.6", LISTEN, PORT,
                Duration.ofSeconds(90), Optional.of("wrong-secret"));
        Config config = TestConfigs.config(List.of(right, wrong), List.of(TestConfigs.advertisement("adv",
                OptionalLong.empty(), List.of())));
        speaker.apply(config, TestConfigs.announce("adv", "203.0.113.50"));
        await("MD5 session", () -> established("127.0.1.5"), () -> neighbor("127.0.1.5"));
        // The kernel drops SYNs with a wrong signature: after several of our attempts (2 s apart) none got through.
        Routers.holdsFor("no session despite a wrong MD5 key", Duration.ofSeconds(7),
                () -> !established("127.0.1.6"));
        assertThat(neighbor("127.0.1.6")).doesNotContain("\"connectionsEstablished\":1");
    }

    @Test
    void holdTimerExpiresWhenTheRouterFreezesAndTheSessionComesBack() {
        BgpPeer peer = TestConfigs.peer("frr-hold", 64513, FRR_AS, "127.0.1.4", LISTEN, PORT, Duration.ofSeconds(3),
                Optional.empty());
        Config config = TestConfigs.config(List.of(peer), List.of(TestConfigs.advertisement("adv",
                OptionalLong.empty(), List.of())));
        speaker.apply(config, TestConfigs.announce("adv", "203.0.113.40"));
        await("session up", () -> Boolean.TRUE.equals(up.get(ROUTER)), up::toString);
        Routers.signal(bgpd, "STOP");
        try {
            await("our hold timer to expire", () -> Boolean.FALSE.equals(up.get(ROUTER)), up::toString);
        } finally {
            Routers.signal(bgpd, "CONT");
        }
        await("session back", () -> Boolean.TRUE.equals(up.get(ROUTER)) && has("ipv4", "203.0.113.40/32"),
                () -> neighbor("127.0.1.4"));
    }

    @Test
    void sessionComesBackAfterTheRouterRestarts() {
        BgpPeer peer = peer("frr-ebgp", 64512, "127.0.1.1", Duration.ofSeconds(90), Optional.empty());
        Config config = TestConfigs.config(List.of(peer), List.of(TestConfigs.advertisement("adv",
                OptionalLong.empty(), List.of())));
        speaker.apply(config, TestConfigs.announce("adv", "203.0.113.60"));
        await("route before restart", () -> has("ipv4", "203.0.113.60/32"), () -> neighbor("127.0.1.1"));
        Routers.stop(bgpd);
        await("session seen down", () -> Boolean.FALSE.equals(up.get(ROUTER)), up::toString);
        startBgpd();
        await("route after restart", () -> has("ipv4", "203.0.113.60/32"), () -> neighbor("127.0.1.1"));
    }

    @Test
    void removingOnePeerNeverTouchesAnother() {
        BgpPeer stays = peer("frr-ebgp", 64512, "127.0.1.1", Duration.ofSeconds(90), Optional.empty());
        BgpPeer goes = peer("frr-ibgp", FRR_AS, "127.0.1.2", Duration.ofSeconds(90), Optional.empty());
        var adv = List.of(TestConfigs.advertisement("adv", OptionalLong.empty(), List.of()));
        Set<Announcement> wanted = TestConfigs.announce("adv", "203.0.113.80");
        speaker.apply(TestConfigs.config(List.of(stays, goes), adv), wanted);
        await("both sessions", () -> established("127.0.1.1") && established("127.0.1.2")
                && has("ipv4", "203.0.113.80/32"), () -> neighbor("127.0.1.2"));
        String before = connections("127.0.1.1");
        speaker.apply(TestConfigs.config(List.of(stays), adv), wanted);
        await("removed peer's session closed", () -> !established("127.0.1.2"), () -> neighbor("127.0.1.2"));
        speaker.apply(TestConfigs.config(List.of(stays, goes), adv), wanted);
        await("peer added back", () -> established("127.0.1.2"), () -> neighbor("127.0.1.2"));
        assertThat(connections("127.0.1.1")).as("the other session was never reset").isEqualTo(before);
        assertThat(established("127.0.1.1")).isTrue();
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "bgp.bench", matches = "true")
    void bulk100kIpv6() {
        Bulk.Counting counters = new Bulk.Counting();
        try (BgpSpeaker bench = new BgpSpeaker(Map.of(), counters, () -> IpAddress.parse("10.255.255.6"))) {
            BgpPeer peer = TestConfigs.peer("frr-bench", 64516, FRR_AS, "127.0.1.7", LISTEN, PORT,
                    Duration.ofSeconds(90), Optional.empty());
            Config config = TestConfigs.config(List.of(peer), List.of(TestConfigs.advertisement("adv",
                    OptionalLong.empty(), List.of())));
            bench.apply(config, Set.of());
            await("bench session", () -> counters.up, () -> neighbor("127.0.1.7"));
            var all = Bulk.ipv6("adv", Bulk.COUNT);
            Bulk.measure("FRR (session up)", () -> bench.apply(config, all), () -> prefixesFrom("127.0.1.7")
                    >= Bulk.COUNT, () -> neighbor("127.0.1.7"), counters);
        }
    }

    /** The IPv6 prefixes FRR accepted from a neighbor, from {@code show bgp ipv6 summary json}. */
    long prefixesFrom(String address) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + java.util.regex.Pattern.quote(address)
                + "\":\\{[^}]*?\"pfxRcd\":(\\d+)").matcher(vtysh("show bgp ipv6 unicast summary json"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
