package io.metallb.distribution.standalone;

import static io.metallb.distribution.standalone.HostTools.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code metallb standalone}, packaged (target/lib on the module path, its own JVM), against FRR 8.4's bgpd. Two
 * network namespaces made by the test, {@code mlbj-sa-<id>-r} (FRR, 203.0.113.1) and {@code mlbj-sa-<id>-h} (the
 * host running standalone, 203.0.113.2), joined by a veth pair; FRR listens on port 18100. Checked through
 * vtysh's JSON: FRR learns the Services' /32 routes; an edit adding one Service and removing another is followed;
 * an invalid edit is reported naming object and field while FRR's routes stay; SIGTERM withdraws them; a restart
 * with a new Service that sorts first keeps every address (the state file is restored before allocating).
 */
class StandaloneFrrIT {
    static final String BGPD = "/usr/lib/frr/bgpd";
    static final String VTYSH = "/usr/bin/vtysh";
    static final String ROUTER = TwoNamespaces.ROUTER_IP;
    static final String HOST = TwoNamespaces.HOST_IP;
    static final int PORT = 18100;
    static final Pattern ROUTE = Pattern.compile("\"(198\\.51\\.100\\.\\d+/32)\"");

    @Test
    void frrFollowsTheFileAndARestartKeepsEveryAddress() throws Exception {
        HostTools.requireExecutable(BGPD);
        HostTools.requireExecutable(VTYSH);
        Path dir = Files.createTempDirectory("mlbj-sa-it");
        try (TwoNamespaces net = TwoNamespaces.create(); HostTools.Started started = new HostTools.Started()) {
            String router = net.router();
            String host = net.host();
            Files.writeString(dir.resolve("bgpd.conf"), """
                    hostname mlbj-sa
                    router bgp 64600
                     bgp router-id %s
                     no bgp ebgp-requires-policy
                     neighbor %s remote-as 64512
                     neighbor %s passive
                    """.formatted(ROUTER, HOST, HOST));
            started.add(HostTools.start(dir.resolve("bgpd.log"), HostTools.in(router, BGPD, "-f",
                    dir.resolve("bgpd.conf").toString(), "-i", dir.resolve("bgpd.pid").toString(), "-z",
                    dir.resolve("zserv.api").toString(), "--vty_socket", dir.toString(), "-Z", "-p",
                    String.valueOf(PORT), "-l", ROUTER, "-A", "127.0.0.1", "-P", "0", "-S")));
            await("bgpd's vty", () -> vtysh(dir, "show bgp summary json").contains("\"as\""),
                    () -> HostTools.read(dir.resolve("bgpd.log")));

            Path file = dir.resolve("standalone.yaml");
            HostTools.replace(file, file(service("web", null), service("dns", "198.51.100.15")));
            Path log = dir.resolve("standalone-1.log");
            Process first = started.add(start(host, file, log));
            await("FRR learning web and dns", () -> routes(dir).equals(Set.of("198.51.100.10/32",
                    "198.51.100.15/32")), () -> routes(dir) + HostTools.read(log));
            assertThat(HostTools.read(log)).contains("assigned default/web 198.51.100.10 from pool \"edge\"")
                    .contains("assigned default/dns 198.51.100.15 from pool \"edge\"")
                    .contains("announcing default/web 198.51.100.10 by bgp: BGPAdvertisement \"edge\"; to BGPPeer "
                            + "\"router\"");

            String edited = file(service("web", null), service("api", null));
            HostTools.replace(file, edited);
            await("FRR following the edit (api added, dns removed)", () -> routes(dir).equals(Set.of(
                    "198.51.100.10/32", "198.51.100.11/32")), () -> routes(dir) + HostTools.read(log));
            assertThat(HostTools.read(log)).contains("released default/dns 198.51.100.15")
                    .contains("withdrawing default/dns 198.51.100.15 by bgp");

            HostTools.replace(file, edited.replace("198.51.100.10-198.51.100.19", "198.51.100.300")
                    + service("extra", null));
            await("the invalid edit reported", () -> HostTools.read(log).contains(
                    "IPAddressPool \"edge\": spec.addresses[0]: \"198.51.100.300\" is not a CIDR or a range"),
                    () -> HostTools.read(log));
            assertThat(HostTools.read(log)).contains("invalid, 1 error; the last good config keeps running");
            assertThat(routes(dir)).as("routes after the invalid edit")
                    .containsExactlyInAnyOrder("198.51.100.10/32", "198.51.100.11/32");
            assertThat(HostTools.read(log)).doesNotContain("default/extra");

            HostTools.replace(file, edited);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0)); // content decides
            first.destroy(); // SIGTERM
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("standalone exits on SIGTERM").isTrue();
            assertThat(first.exitValue()).as("the JVM's exit status on SIGTERM").isEqualTo(143);
            await("routes withdrawn on SIGTERM", () -> routes(dir).isEmpty(), () -> routes(dir).toString());
            assertThat(HostTools.read(log)).contains("withdrew 2 announcements by bgp").contains("stopped");
            String state = HostTools.read(file.resolveSibling("standalone.yaml.state"));
            assertThat(state).contains("default/api:\n  pool: edge\n  ips:\n  - 198.51.100.11")
                    .contains("default/web:\n  pool: edge\n  ips:\n  - 198.51.100.10")
                    .doesNotContain("default/dns");

            // "aaa" sorts first: without the state restored before allocating, it would take .10 from web.
            HostTools.replace(file, edited + service("aaa", null));
            Path log2 = dir.resolve("standalone-2.log");
            started.add(start(host, file, log2));
            await("FRR learning the same addresses after the restart, and aaa's", () -> routes(dir).equals(Set.of(
                    "198.51.100.10/32", "198.51.100.11/32", "198.51.100.12/32")),
                    () -> routes(dir) + HostTools.read(log2));
            assertThat(HostTools.read(log2)).contains("kept default/web 198.51.100.10 from pool \"edge\" (state file)")
                    .contains("kept default/api 198.51.100.11 from pool \"edge\" (state file)")
                    .contains("assigned default/aaa 198.51.100.12 from pool \"edge\"");

            HostTools.Result explained = HostTools.run(metallb("explain", "default/aaa", "-f", file.toString(),
                    "--node", "host-a"));
            assertThat(explained.exit()).as(explained.output()).isZero();
            assertThat(explained.output()).contains("1. pool \"edge\": taken: 198.51.100.12")
                    .contains("Address: 198.51.100.12 from pool \"edge\" (kept from the state file")
                    .contains("bgp: yes: BGPAdvertisement \"edge\"; to BGPPeer \"router\"");
        } finally {
            HostTools.deleteTree(dir);
        }
    }

    static Process start(String ns, Path file, Path log) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        command.addAll(metallb("standalone", "-f", file.toString(), "--node", "host-a", "--poll-interval",
                "PT0.2S"));
        return HostTools.start(log, command);
    }

    /** {@code java --module-path target/lib -m io.metallb.distribution ARGS}. */
    static List<String> metallb(String... args) {
        String lib = System.getProperty("metallb.lib");
        assertThat(lib).as("system property metallb.lib (set by failsafe in the pom)").isNotBlank();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "--module-path", lib + File.pathSeparator, "-m", "io.metallb.distribution"));
        command.addAll(List.of(args));
        return command;
    }

    private static String vtysh(Path dir, String command) {
        return HostTools.run(List.of(VTYSH, "--vty_socket", dir.toString(), "-d", "bgpd", "-c", command)).output();
    }

    /** The /32 routes in 198.51.100.0/24 FRR holds. */
    private static Set<String> routes(Path dir) {
        Set<String> out = new TreeSet<>();
        Matcher m = ROUTE.matcher(vtysh(dir, "show bgp ipv4 unicast json"));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String file(String... services) {
        return Fixtures.POOL + Fixtures.peer(ROUTER, PORT) + Fixtures.BGP_ADVERTISEMENT + String.join("", services);
    }

    private static String service(String name, String loadBalancerIp) {
        return Fixtures.service(name, loadBalancerIp == null ? "" : "  loadBalancerIP: " + loadBalancerIp + "\n");
    }
}
