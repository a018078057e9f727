package io.metallb.bgp.interop;

import static io.metallb.bgp.interop.Routers.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our speaker (in namespace a) against gobgpd (in namespace b) across a veth, with real addresses so that gobgpd
 * accepts the next hops (on loopback it rejects 127/8 ones): one IPv4 session and one IPv6 session, each
 * carrying an IPv4 and an IPv6 route. Checked through {@code gobgp global rib -j}: every path is installed with
 * our interface address as its next hop (IPv6 over the IPv4 session uses the interface's global IPv6 address).
 */
class NamespaceGobgpIT {
    static final String GOBGPD = "/usr/bin/gobgpd";
    static final int API = 50131;
    static final long OUR_AS = 64512;
    static final long GOBGP_AS = 64701;

    @Test
    void gobgpInstallsOurIpv4AndIpv6RoutesOverIpv4AndIpv6Sessions() {
        Routers.require(GOBGPD);
        Routers.require("/usr/bin/gobgp");
        Path dir = Routers.tempDir("ns-gobgp-it");
        Process gobgpd = null;
        try (Netns ns = Netns.create()) {
            try {
                Routers.write(dir.resolve("gobgpd.toml"), gobgpdToml(GOBGP_AS, List.of(Netns.A4, Netns.A6),
                        OUR_AS));
                gobgpd = Routers.start(dir, "gobgpd", Netns.in(ns.b, GOBGPD, "-f",
                        dir.resolve("gobgpd.toml").toString(), "--api-hosts", "127.0.0.1:" + API,
                        "--pprof-disable", "-p"));
                String b = ns.b;
                await("gobgpd's API", () -> gobgp(b, "global").contains("64701"), () -> gobgp(b, "global"));
                try (SpeakerProcess speaker = SpeakerProcess.start(ns.a, dir, List.of(String.valueOf(OUR_AS),
                        String.valueOf(GOBGP_AS), "179", Netns.A4 + "=" + Netns.B4, Netns.A6 + "=" + Netns.B6,
                        "--", "198.51.100.70", "2001:db8:70::1"))) {
                    await("both routes over both sessions", () -> paths(b, "ipv4", "198.51.100.70/32") == 2
                            && paths(b, "ipv6", "2001:db8:70::1/128") == 2,
                            () -> gobgp(b, "neighbor") + gobgp(b, "global rib -a ipv4 -j")
                                    + gobgp(b, "global rib -a ipv6 -j") + speaker.output());
                    String v4 = gobgp(b, "global rib -a ipv4 -j");
                    String v6 = gobgp(b, "global rib -a ipv6 -j");
                    assertThat(v4).contains("\"nexthop\":\"198.51.100.1\"").doesNotContain("127.");
                    assertThat(v6).contains("\"nexthop\":\"2001:db8::1\"").doesNotContain("::ffff:");
                    assertThat(v4 + v6).contains("\"neighbor-ip\":\"198.51.100.1\"")
                            .contains("\"neighbor-ip\":\"2001:db8::1\"");
                    assertThat(Routers.readLog(dir.resolve("gobgpd.log"))).doesNotContain("invalid nexthop");
                }
            } finally {
                Routers.stop(gobgpd);
            }
        } finally {
            Routers.deleteTree(dir);
        }
    }

    /** gobgpd's config: passive neighbours with IPv4 and IPv6 unicast. */
    static String gobgpdToml(long as, List<String> neighbors, long peerAs) {
        StringBuilder toml = new StringBuilder("""
                [global.config]
                  as = %d
                  router-id = "198.51.100.2"
                """.formatted(as));
        neighbors.forEach(n -> GobgpIT.neighbor(toml, n, peerAs));
        return toml.toString();
    }

    static String gobgp(String ns, String args) {
        List<String> command = new java.util.ArrayList<>(Netns.in(ns, "gobgp", "-p", String.valueOf(API)));
        command.addAll(List.of(args.split(" ")));
        return Routers.run(command).replaceAll("\\s+", "");
    }

    /** How many paths gobgpd holds for {@code prefix}, by counting its entries in the RIB's JSON. */
    static int paths(String ns, String family, String prefix) {
        String json = gobgp(ns, "global rib -a " + family + " " + prefix + " -j");
        return json.split("\"nlri\"", -1).length - 1;
    }
}
