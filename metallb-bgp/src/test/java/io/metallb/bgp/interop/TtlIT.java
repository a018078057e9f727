package io.metallb.bgp.interop;

import static io.metallb.bgp.interop.Routers.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TTL on the wire, decided by the kernel: our speaker in namespace S, FRR in namespace P, a forwarding namespace R
 * between them (S 198.51.100.1/26 - .2 R .65 - 198.51.100.66/26 P), so P is two hops away. A single-hop eBGP
 * session sends TTL 1, which R discards: no session; with eBGP multihop (TTL 255) the same session comes up. Both
 * for a connection we dial and for one FRR dials to our listening socket (there the OPEN we send on the accepted
 * connection must carry the peer's TTL too). FRR uses ebgp-multihop itself, so only our TTL decides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TtlIT {
    static final String S = "198.51.100.1";
    static final String R_S = "198.51.100.2";
    static final String R_P = "198.51.100.65";
    static final String P = "198.51.100.66";
    static final long OUR_AS = 64512;
    static final long FRR_AS = 64701;
    static final int LISTEN_PORT = 1179;
    /** Several of our connect attempts (connect time 2 s) and FRR's (timers connect 1). */
    static final Duration NO_SESSION_FOR = Duration.ofSeconds(8);

    String s;
    String r;
    String p;
    Path dir;

    @BeforeAll
    void namespaces() {
        Routers.require(Frr.BGPD);
        Routers.requireThat("root".equals(System.getProperty("user.name")), "network namespaces need root");
        Netns.cleanLeftovers();
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        s = Netns.PREFIX + id + "-ttl-s";
        r = Netns.PREFIX + id + "-ttl-r";
        p = Netns.PREFIX + id + "-ttl-p";
        dir = Routers.tempDir("bgp-ttl");
        for (String ns : List.of(s, r, p)) {
            Netns.ip("netns", "add", ns);
            Netns.exec(ns, "ip", "link", "set", "lo", "up");
        }
        Netns.ip("link", "add", "mlbj" + id + "s", "netns", s, "type", "veth", "peer", "name", "mlbj" + id + "rs",
                "netns", r);
        Netns.ip("link", "add", "mlbj" + id + "p", "netns", p, "type", "veth", "peer", "name", "mlbj" + id + "rp",
                "netns", r);
        up(s, "mlbj" + id + "s", S);
        up(r, "mlbj" + id + "rs", R_S);
        up(r, "mlbj" + id + "rp", R_P);
        up(p, "mlbj" + id + "p", P);
        Netns.exec(r, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        Netns.exec(s, "ip", "route", "add", "198.51.100.64/26", "via", R_S);
        Netns.exec(p, "ip", "route", "add", "198.51.100.0/26", "via", R_P);
    }

    private static void up(String ns, String dev, String address) {
        Netns.exec(ns, "ip", "addr", "add", address + "/26", "dev", dev);
        Netns.exec(ns, "ip", "link", "set", dev, "up");
    }

    @AfterAll
    void remove() {
        for (String ns : List.of(s, r, p)) {
            if (ns != null) {
                Netns.delete(ns);
            }
        }
        if (dir != null) {
            Routers.deleteTree(dir);
        }
    }

    /** FRR in P: waits for us ({@code passive}) or dials our listening socket. */
    Frr frr(boolean passive) {
        String n = " neighbor " + S;
        String conf = """
                hostname frr-ttl
                router bgp %d
                 bgp router-id 10.0.0.220
                 no bgp ebgp-requires-policy
                %s remote-as %d
                %s ebgp-multihop 255
                %s timers connect 1
                """.formatted(FRR_AS, n, OUR_AS, n, n) + (passive ? n + " passive\n" : n + " port " + LISTEN_PORT + "\n");
        String ns = p;
        return new Frr("frr-ttl-" + (passive ? "passive" : "active"), P, 179, conf) {
            @Override
            List<String> command(List<String> bgpd) {
                List<String> c = new ArrayList<>(Netns.in(ns));
                c.addAll(bgpd);
                return c;
            }
        };
    }

    SpeakerProcess speaker(boolean multihop, boolean listen) {
        List<String> options = new ArrayList<>(List.of("-Dspeaker.multihop=" + multihop));
        if (listen) {
            options.add("-Dspeaker.listen=" + S + ":" + LISTEN_PORT);
        }
        return SpeakerProcess.start(s, dir, options, List.of(String.valueOf(OUR_AS), String.valueOf(FRR_AS), "179",
                S + "=" + P, "--", "203.0.113.40"));
    }

    /**
     * A fresh FRR for each speaker: with TTL 1 even our FIN dies at R, so FRR would keep waiting on that first
     * connection (OpenSent holds for minutes) instead of reaching the next speaker.
     */
    private void check(boolean frrPassive, boolean listen) {
        try (Frr frr = frr(frrPassive); SpeakerProcess speaker = speaker(false, listen)) {
            await("the speaker up", () -> speaker.output().contains("ready"), speaker::output);
            Routers.holdsFor("no session with TTL 1 across a router", NO_SESSION_FOR,
                    () -> frr.received("ipv4", S) < 0);
        }
        try (Frr frr = frr(frrPassive); SpeakerProcess speaker = speaker(true, listen)) {
            await("a session with TTL 255 across the router, and our route", Duration.ofSeconds(60),
                    () -> frr.has("203.0.113.40/32"), () -> frr.vtysh("show bgp summary json") + speaker.output());
        }
    }

    @Test
    void dialledSessionsCarryTheirTtl() {
        check(true, false);
    }

    @Test
    void acceptedSessionsCarryTheirTtl() {
        check(false, true);
    }
}
