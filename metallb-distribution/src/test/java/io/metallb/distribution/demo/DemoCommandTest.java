package io.metallb.distribution.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpPrefix;
import io.metallb.api.node.L2Election;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code metallb demo} in this JVM and checks what it prints against the examples it applies. */
class DemoCommandTest {

    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    private static final Map<String, List<IpPrefix>> POOLS = Map.of(
            "lan", List.of(IpPrefix.parse("198.51.100.48/28"), IpPrefix.parse("2001:db8:51::/124")),
            "routed", List.of(IpPrefix.parse("203.0.113.32/28"), IpPrefix.parse("2001:db8:113::/124")));

    private record Run(int exitCode, String out, String err) {
    }

    private static Run demo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new DemoCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theBundledExamplesConvergeAndTheTablesSayWhereEachAddressIs() {
        Run run = demo("--timeout", "120");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        DemoOutput table = DemoOutput.parse(run.out());

        // Every Service of examples/demo/services.yaml, each with addresses from the pool its namespace gets.
        assertThat(table.services()).extracting(r -> r.get("NAMESPACE") + "/" + r.get("NAME")).containsExactly(
                "default/web", "default/dns-tcp", "default/dns-udp", "edge/shop", "edge/api");
        for (Map<String, String> row : table.services()) {
            String pool = row.get("NAMESPACE").equals("edge") ? "routed" : "lan";
            assertThat(row.get("TYPE")).isEqualTo("LoadBalancer");
            assertThat(row.get("POOL")).as(row.toString()).isEqualTo(pool);
            for (String ip : row.get("EXTERNAL-IP").split(",")) {
                assertThat(POOLS.get(pool)).as(ip + " in pool " + pool)
                        .anyMatch(p -> p.contains(IpAddress.parse(ip)));
            }
        }
        // The shared pair holds one address; every other service its own.
        assertThat(table.ips("default", "dns-tcp")).hasSize(1).isEqualTo(table.ips("default", "dns-udp"));
        List<String> all = new ArrayList<>();
        table.services().stream().filter(r -> !r.get("NAME").equals("dns-udp"))
                .forEach(r -> all.addAll(List.of(r.get("EXTERNAL-IP").split(","))));
        assertThat(new HashSet<>(all)).hasSameSizeAs(all);
        // The dual-stack service has one address of each family.
        assertThat(table.ips("edge", "shop")).extracting(ip -> IpAddress.parse(ip).family())
                .containsExactlyInAnyOrder(IpFamily.IPV4, IpFamily.IPV6);

        // Layer 2: the node MetalLB's election picks among the three; BGP: every node.
        for (String name : List.of("web", "dns-tcp", "dns-udp")) {
            String owner = L2Election.owner(IpAddress.parse(table.ips("default", name).get(0)), NODES).orElseThrow();
            assertThat(table.service("default", name).get("ANNOUNCED BY")).isEqualTo("layer2: " + owner);
        }
        for (String name : List.of("shop", "api")) {
            assertThat(table.service("edge", name).get("ANNOUNCED BY")).isEqualTo("bgp: node-a,node-b,node-c");
        }

        // The router holds exactly one route per BGP address and node, with the BGPAdvertisement's attributes.
        Set<String> expected = new HashSet<>();
        for (String name : List.of("shop", "api")) {
            for (String ip : table.ips("edge", name)) {
                IpAddress a = IpAddress.parse(ip);
                NODES.forEach(n -> expected.add(IpPrefix.containing(a, a.isV4() ? 32 : 128) + " " + n));
            }
        }
        assertThat(expected).hasSize(9);
        assertThat(table.routes()).extracting(r -> r.get("PREFIX") + " " + r.get("FROM").split(" ")[0])
                .containsExactlyInAnyOrderElementsOf(expected);
        for (Map<String, String> route : table.routes()) {
            String node = route.get("FROM").split(" ")[0];
            String address = "127.0.0." + (11 + NODES.indexOf(node));
            assertThat(route.get("LOCAL PREF")).isEqualTo("150");
            assertThat(route.get("COMMUNITIES")).isEqualTo("64512:100 large:64512:1:2");
            assertThat(route.get("NEXT HOP")).as(route.toString())
                    .isEqualTo(route.get("PREFIX").contains(":") ? "::ffff:" + address : address);
            assertThat(route.get("FROM")).isEqualTo(node + " (id " + address + ", AS 64512)");
        }
        // Shutting down closes every session: the router withdraws what they sent.
        assertThat(run.out()).contains("the router holds 0 routes");
    }

    @Test
    void helpDocumentsTheExitCodesAndATimeoutBelowOneSecondIsAUsageError() {
        Run help = demo("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:").containsPattern("(?m)^\\s+1\\s")
                .containsPattern("(?m)^\\s+2\\s");
        Run zero = demo("--timeout", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--timeout: 0 (expected: at least 1)");
    }

    @Test
    void anInvalidExampleIsRefusedNamingObjectAndFieldBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.yaml"), """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: broken, namespace: metallb-system}
                spec:
                  addresses: [198.51.100.300/32]
                """);
        Files.writeString(dir.resolve("services.yaml"), """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec: {type: LoadBalancer, ports: [{port: 80}]}
                """);
        Run run = demo("--examples", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("config.yaml is not a valid config").contains("IPAddressPool \"broken\"")
                .contains("spec.addresses[0]");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aServiceThatCannotGetAnAddressEndsInExitCodeOneNamingIt() {
        Path dir = Path.of("src/test/resources/demo/too-small");
        assertThat(dir.resolve("config.yaml")).exists();
        Run run = demo("--examples", dir.toString(), "--timeout", "3");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("did not converge within 3 s");
        // One of the two holds the pool's only address; the other is pending, and named as what is missing.
        DemoOutput table = DemoOutput.parse(run.out());
        List<String> cells = List.of(table.service("default", "first").get("EXTERNAL-IP"),
                table.service("default", "second").get("EXTERNAL-IP"));
        assertThat(cells).containsExactlyInAnyOrder("198.51.100.40", "<pending>");
        String pending = cells.get(0).equals("<pending>") ? "first" : "second";
        assertThat(run.err()).contains("default/" + pending + ": no address yet");
    }
}
