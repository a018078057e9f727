package io.metallb.bgp.interop;

import static io.metallb.bgp.interop.Routers.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * BIRD (namespace b, 2001:db8::2) receiving our IPv4 and IPv6 routes over an IPv4 session (IPv6 next hop: the
 * interface's global IPv6 address), then IPv6 /128 over IPv6 sessions across a veth: from our speaker
 * (namespace a, 2001:db8::1) and, in the opt-in benchmark ({@code -Dbgp.bench=true}), from gobgpd (namespace a,
 * 2001:db8::3) that learned the same set from our speaker. Without the property it proves, with 1,000 routes,
 * that BIRD installs our IPv6 routes (next hop our session address). With it, 100,000 routes and one line per
 * figure: ours; gobgpd with the routes loaded before its session to BIRD comes up (its best case); gobgpd with
 * the routes arriving while it is up; the ratios; the UPDATE counts.
 */
class NamespaceBirdIT {
    static final String BIRD = "/usr/sbin/bird";
    static final String GOBGPD = "/usr/bin/gobgpd";
    static final String G6 = "2001:db8::3";
    static final long OUR_AS = 64512;
    static final long GOBGP_AS = 64513;
    static final long BIRD_AS = 64900;
    static final Duration BENCH_DEADLINE = Duration.ofMinutes(3);
    static final Pattern IMPORTED = Pattern.compile("Routes:\\s+(\\d+) imported");

    @Test
    void birdInstallsOurIpv6RoutesOverAnIpv6Session() {
        boolean bench = Boolean.getBoolean("bgp.bench");
        int count = bench ? Bulk.COUNT : 1_000;
        Routers.require(BIRD);
        Routers.require("/usr/sbin/birdc");
        if (bench) {
            Routers.require(GOBGPD);
        }
        Path dir = Routers.tempDir("ns-bird-it");
        Process bird = null;
        try (Netns ns = Netns.create()) {
            try {
                Routers.write(dir.resolve("bird.conf"), "router id 198.51.100.2;\nprotocol device { }\n"
                        + birdPeer("ours", Netns.B6, Netns.A6, OUR_AS, "ipv6")
                        + birdPeer("ours4", Netns.B4, Netns.A4, OUR_AS, "ipv4", "ipv6")
                        + birdPeer("gobgp", Netns.B6, G6, GOBGP_AS, "ipv6"));
                bird = Routers.start(dir, "bird", Netns.in(ns.b, BIRD, "-c", dir.resolve("bird.conf").toString(),
                        "-s", dir.resolve("bird.ctl").toString(), "-P", dir.resolve("bird.pid").toString(), "-f"));
                await("bird's control socket", () -> birdc(dir, "show status").contains("Daemon is up"),
                        () -> birdc(dir, "show status"));
                overIpv4Session(ns, dir);
                double ours = ours(ns, dir, count);
                if (bench) {
                    gobgpd(ns, dir, count, ours);
                }
            } finally {
                Routers.stop(bird);
            }
        } finally {
            Routers.deleteTree(dir);
        }
    }

    /** IPv6 over an IPv4 session: the next hop is the interface's global IPv6 address, which BIRD installs. */
    private void overIpv4Session(Netns ns, Path dir) {
        try (SpeakerProcess speaker = SpeakerProcess.start(ns.a, dir, List.of(String.valueOf(OUR_AS),
                String.valueOf(BIRD_AS), "179", Netns.A4 + "=" + Netns.B4, "--", "198.51.100.70",
                "2001:db8:70::1"))) {
            await("both routes over the IPv4 session", () -> imported(dir, "ours4") == 2,
                    () -> birdc(dir, "show protocols all ours4") + speaker.output());
            assertThat(birdc(dir, "show route 2001:db8:70::1/128 all")).contains("via " + Netns.A6);
            assertThat(birdc(dir, "show route 198.51.100.70/32 all")).contains("via " + Netns.A4);
        }
    }

    private double ours(Netns ns, Path dir, int count) {
        try (SpeakerProcess speaker = SpeakerProcess.start(ns.a, dir, List.of(String.valueOf(OUR_AS),
                String.valueOf(BIRD_AS), "179", Netns.A6 + "=" + Netns.B6, "--bulk", String.valueOf(count)))) {
            await("session with BIRD", () -> birdc(dir, "show protocols ours").contains("Established"),
                    () -> birdc(dir, "show protocols all ours") + speaker.output());
            long start = System.nanoTime();
            speaker.send("go");
            await("BIRD holding " + count + " routes", BENCH_DEADLINE, () -> imported(dir, "ours") == count,
                    () -> birdc(dir, "show protocols all ours"));
            double seconds = (System.nanoTime() - start) / 1e9;
            speaker.send("count");
            await("the speaker's UPDATE count", () -> speaker.lastUpdates() >= 0, speaker::output);
            assertThat(birdc(dir, "show route 2001:db8:9::/128 all")).contains("via " + Netns.A6)
                    .contains("BGP.as_path: " + OUR_AS);
            System.out.printf("BGP bulk: metallb-bgp -> BIRD, %d IPv6 /128 over IPv6, session up: %.2f s"
                    + " (%.0f prefixes/s), %d UPDATEs (packing minimum %d at 4096 octets; BIRD has no RFC 8654)%n",
                    count, seconds, count / seconds, speaker.lastUpdates(),
                    (int) Math.ceil(count * 17.0 / (4096 - 66)) + 1);
            return seconds;
        }
    }

    /** gobgpd learns the set from our speaker, then passes it to BIRD: loaded before its session, then while up. */
    private void gobgpd(Netns ns, Path dir, int count, double ours) {
        Netns.exec(ns.a, "ip", "-6", "addr", "add", G6 + "/64", "dev", ns.devA, "nodad");
        StringBuilder toml = new StringBuilder("""
                [global.config]
                  as = %d
                  router-id = "198.51.100.3"
                  local-address-list = ["%s"]
                """.formatted(GOBGP_AS, G6));
        GobgpIT.neighbor(toml, Netns.A6, OUR_AS, "", "passive-mode = true\nlocal-address = \"" + G6 + "\"",
                "ipv6-unicast");
        GobgpIT.neighbor(toml, Netns.B6, BIRD_AS, "admin-down = true", "local-address = \"" + G6 + "\"",
                "ipv6-unicast");
        Routers.write(dir.resolve("gobgpd.toml"), toml.toString());
        Process gobgpd = Routers.start(dir, "gobgpd", Netns.in(ns.a, GOBGPD, "-f",
                dir.resolve("gobgpd.toml").toString(), "--api-hosts", "127.0.0.1:50141", "--pprof-disable", "-p"));
        try {
            await("gobgpd's API", () -> gobgp(ns, "global").contains(String.valueOf(GOBGP_AS)),
                    () -> gobgp(ns, "global"));
            double before;
            int beforeUpdates;
            try (SpeakerProcess feeder = SpeakerProcess.start(ns.a, dir, List.of(String.valueOf(OUR_AS),
                    String.valueOf(GOBGP_AS), "179", Netns.A6 + "=" + G6, "--bulk", String.valueOf(count)))) {
                await("session ours -> gobgpd", () -> gobgp(ns, "neighbor " + Netns.A6).contains("ESTABLISHED"),
                        () -> gobgp(ns, "neighbor") + feeder.output());
                feeder.send("go");
                await("gobgpd holding " + count, BENCH_DEADLINE, () -> destinations(ns) == count,
                        () -> gobgp(ns, "global rib summary -a ipv6"));
                long start = System.nanoTime();
                gobgp(ns, "neighbor " + Netns.B6 + " enable");
                await("BIRD holding " + count + " from gobgpd", BENCH_DEADLINE,
                        () -> imported(dir, "gobgp") == count, () -> birdc(dir, "show protocols all gobgp"));
                before = (System.nanoTime() - start) / 1e9;
                beforeUpdates = updatesSent(ns);
            } // the feeder's session closes: gobgpd withdraws everything from BIRD
            await("BIRD empty again", BENCH_DEADLINE, () -> imported(dir, "gobgp") == 0,
                    () -> birdc(dir, "show protocols all gobgp"));
            int[] settled = {-2};
            await("gobgpd done withdrawing", BENCH_DEADLINE, () -> settled[0] == (settled[0] = updatesSent(ns)),
                    () -> String.valueOf(settled[0]));
            int updatesAfterWithdraw = settled[0];
            double whileUp;
            try (SpeakerProcess feeder = SpeakerProcess.start(ns.a, dir, List.of(String.valueOf(OUR_AS),
                    String.valueOf(GOBGP_AS), "179", Netns.A6 + "=" + G6, "--bulk", String.valueOf(count)))) {
                await("session ours -> gobgpd", () -> gobgp(ns, "neighbor " + Netns.A6).contains("ESTABLISHED"),
                        () -> gobgp(ns, "neighbor") + feeder.output());
                long start = System.nanoTime();
                feeder.send("go");
                await("BIRD holding " + count + " from gobgpd", BENCH_DEADLINE,
                        () -> imported(dir, "gobgp") == count, () -> birdc(dir, "show protocols all gobgp"));
                whileUp = (System.nanoTime() - start) / 1e9;
            }
            int whileUpUpdates = updatesSent(ns) - updatesAfterWithdraw;
            System.out.printf("BGP bulk: gobgpd -> BIRD, %d IPv6 /128, loaded before the session: %.2f s"
                    + " (%.0f prefixes/s), %d UPDATEs%n", count, before, count / before, beforeUpdates);
            System.out.printf("BGP bulk: gobgpd -> BIRD, %d IPv6 /128, added while up (includes our speaker"
                    + " feeding gobgpd): %.2f s (%.0f prefixes/s), %d UPDATEs (withdrawals excluded)%n", count,
                    whileUp, count / whileUp, whileUpUpdates);
            System.out.printf("BGP bulk: ratio metallb-bgp / gobgpd best case %.3f; metallb-bgp / gobgpd while up"
                    + " %.3f (goal <= 0.5)%n", ours / before, ours / whileUp);
        } finally {
            Routers.stop(gobgpd);
        }
    }

    /** A passive BGP protocol importing everything on the given channels. */
    static String birdPeer(String name, String local, String neighbor, long peerAs, String... channels) {
        StringBuilder out = new StringBuilder("protocol bgp %s {\n  local %s as %d;\n  neighbor %s as %d;\n"
                .formatted(name, local, BIRD_AS, neighbor, peerAs) + "  passive on;\n");
        for (String c : channels) {
            out.append("  ").append(c).append(" { import all; export none; };\n");
        }
        return out.append("}\n").toString();
    }

    static String birdc(Path dir, String command) {
        List<String> c = new java.util.ArrayList<>(List.of("/usr/sbin/birdc", "-s", dir.resolve("bird.ctl").toString()));
        c.addAll(List.of(command.split(" ")));
        return Routers.run(c);
    }

    static int imported(Path dir, String protocol) {
        Matcher m = IMPORTED.matcher(birdc(dir, "show protocols all " + protocol));
        int sum = -1; // -1: no figure in this output
        while (m.find()) {
            sum = Math.max(sum, 0) + Integer.parseInt(m.group(1)); // one figure per channel
        }
        return sum;
    }

    static String gobgp(Netns ns, String args) {
        List<String> command = new java.util.ArrayList<>(Netns.in(ns.a, "gobgp", "-p", "50141"));
        command.addAll(List.of(args.split(" ")));
        return Routers.run(command);
    }

    static int destinations(Netns ns) {
        Matcher m = Pattern.compile("Destination:\\s*(\\d+)").matcher(gobgp(ns, "global rib summary -a ipv6"));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** UPDATEs gobgpd sent to BIRD, from {@code gobgp neighbor ADDR -j}. */
    static int updatesSent(Netns ns) {
        String json = gobgp(ns, "neighbor " + Netns.B6 + " -j").replaceAll("\\s+", "");
        Matcher m = Pattern.compile("\"sent\":\\{[^}]*?\"update\":(\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
