package io.metallb.distribution.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.node.Node;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Assignment;
import io.metallb.distribution.standalone.Assignments;
import io.metallb.distribution.standalone.Fixtures;
import io.metallb.distribution.standalone.StandaloneInput;
import io.metallb.distribution.standalone.StateFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExplainTest {

    /**
     * "team" is pinned to namespace team-a (priority 10, so tried first), "a-small" has one address that
     * default/first takes, "b-big" has room, "reserved" is not auto-assigned.
     */
    static final String FILE = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata:
              name: team
            spec:
              addresses: [203.0.113.10/32]
              serviceAllocation:
                priority: 10
                namespaces: [team-a]
            ---
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata:
              name: a-small
            spec:
              addresses: [198.51.100.1/32]
            ---
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata:
              name: b-big
            spec:
              addresses: [198.51.100.16/28]
            ---
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata:
              name: reserved
            spec:
              addresses: [203.0.113.200/29]
              autoAssign: false
            """ + Fixtures.peer("203.0.113.1", 0) + """
            ---
            apiVersion: metallb.io/v1beta1
            kind: BGPAdvertisement
            metadata:
              name: rack-a
            spec:
              ipAddressPools: [a-small, b-big]
              nodeSelectors:
              - matchLabels: {rack: a}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: first}
            spec: {type: LoadBalancer}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {type: LoadBalancer}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: pinned}
            spec: {type: LoadBalancer, loadBalancerIP: 198.51.100.20}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: lost
              annotations: {metallb.io/address-pool: nope}
            spec: {type: LoadBalancer}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: internal}
            spec: {type: ClusterIP}
            """;

    @TempDir
    Path dir;

    Path file() throws IOException {
        Path file = dir.resolve("standalone.yaml");
        if (!Files.exists(file)) {
            Files.writeString(file, FILE);
        }
        return file;
    }

    Explanation explain(String service, Map<String, String> labels) throws IOException {
        StandaloneInput in = StandaloneInput.read(file());
        SortedMap<ServiceKey, Assignment> state = StateFile.beside(file()).read();
        return Explanation.of(in, ServiceKey.parse(service), state, "STATE", new Assignments(
                Assignments.installedAllocator(), state), Node.of("host-a", labels), Set.of("bgp", "layer2"));
    }

    @Test
    void eachPoolInTheAllocatorsOrderWithItsReasonTheAddressAndTheAnnouncement() throws IOException {
        Explanation e = explain("web", Map.of("rack", "a"));
        assertThat(e.lines()).containsExactly(
                "Service default/web: type LoadBalancer, externalTrafficPolicy Cluster",
                "State file STATE: holds nothing for it",
                "Asks for: IPv4 (SingleStack); no particular address",
                "Pools, in the order the allocator tries them:",
                "  1. pool \"team\": refused: pool \"team\" is reserved for other namespaces "
                        + "(serviceAllocation.namespaces/namespaceSelectors)",
                "  2. pool \"a-small\": refused: no available IPs: pool \"a-small\" has no free IPv4 address "
                        + "(1 of 1 in use)",
                "  3. pool \"b-big\": taken: 198.51.100.16",
                "  4. pool \"reserved\": skipped: autoAssign is false (only a Service asking for it by "
                        + "metallb.io/address-pool gets its addresses)",
                "Address: 198.51.100.16 from pool \"b-big\"",
                "Announced from node host-a (standalone: the only node; every Service counts as having a ready "
                        + "endpoint here):",
                "  layer2: no: no L2Advertisement covers pool \"b-big\"",
                "  bgp: yes: BGPAdvertisement \"rack-a\"; to BGPPeer \"router\"");
        assertThat(e.exitCode()).isEqualTo(Explanation.ANNOUNCED);
    }

    @Test
    void theStateFilesAssignmentIsTheOneExplained() throws IOException {
        StateFile.beside(file()).write(Map.of(ServiceKey.parse("web"), new Assignment(ServiceKey.parse("web"),
                java.util.List.of(io.metallb.api.net.IpAddress.parse("198.51.100.25")), "b-big")));
        Explanation e = explain("web", Map.of("rack", "a"));
        assertThat(e.lines()).contains("State file STATE: holds 198.51.100.25 from pool \"b-big\"",
                "  3. pool \"b-big\": taken: 198.51.100.25",
                "Address: 198.51.100.25 from pool \"b-big\" (kept from the state file: an assignment stays while "
                        + "it still fits)");
        // web keeps .25, so the first free address of b-big stays free for others.
        assertThat(explain("pinned", Map.of("rack", "a")).lines()).contains("Address: 198.51.100.20 from pool \"b-big\"");
    }

    @Test
    void anAddressNoNodeSelectorLetsThisNodeAnnounceExitsFour() throws IOException {
        Explanation e = explain("default/first", Map.of("rack", "b"));
        assertThat(e.lines()).contains("  1. pool \"team\": refused: pool \"team\" is reserved for other namespaces "
                + "(serviceAllocation.namespaces/namespaceSelectors)", "  2. pool \"a-small\": taken: 198.51.100.1",
                "  3. pool \"b-big\": not reached",
                "  bgp: no: node host-a (labels {rack=b}) matches the nodeSelectors of none of BGPAdvertisement "
                        + "\"rack-a\"");
        assertThat(e.exitCode()).isEqualTo(Explanation.NOT_ANNOUNCED);
    }

    @Test
    void aRequestedAddressNeedsNoWalk() throws IOException {
        Explanation e = explain("pinned", Map.of("rack", "a"));
        assertThat(e.lines()).contains("Asks for: IPv4 (SingleStack); addresses [198.51.100.20] "
                + "(metallb.io/loadBalancerIPs or spec.loadBalancerIP)", "Address: 198.51.100.20 from pool \"b-big\"");
        assertThat(e.lines()).noneMatch(l -> l.startsWith("Pools"));
    }

    @Test
    void noAddressExitsThreeWithTheReason() throws IOException {
        Explanation lost = explain("lost", Map.of());
        assertThat(lost.lines()).contains("Pool asked for:", "  pool \"nope\" does not exist",
                "No address: unknown pool \"nope\"");
        assertThat(lost.exitCode()).isEqualTo(Explanation.NO_ADDRESS);
        Explanation internal = explain("internal", Map.of());
        assertThat(internal.lines()).contains("No address: not served by MetalLB: type is ClusterIP");
        assertThat(internal.exitCode()).isEqualTo(Explanation.NO_ADDRESS);
    }

    record Run(int code, String out, String err) {
    }

    Run command(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ExplainCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void exitCodesOfTheCommand() throws IOException {
        String path = file().toString();
        Run web = command("web", "-f", path, "--node", "host-a", "--node-label", "rack=a");
        assertThat(web.code()).as(web.err()).isZero();
        assertThat(web.out()).contains("Address: 198.51.100.16 from pool \"b-big\"")
                .contains("(absent: a first start)");
        assertThat(command("team-a/nobody", "-f", path).code()).isEqualTo(2);
        assertThat(command("team-a/nobody", "-f", path).err()).contains("no Service team-a/nobody in " + path
                + " (Services: default/first, default/internal, default/lost, default/pinned, default/web)");
        assertThat(command("internal", "-f", path).code()).isEqualTo(3);
        assertThat(command("web", "-f", dir.resolve("missing.yaml").toString()).code()).isEqualTo(2);
        Files.writeString(file(), FILE.replace("198.51.100.16/28", "198.51.100.16/33"));
        Run invalid = command("web", "-f", path);
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.out()).contains("IPAddressPool \"b-big\": spec.addresses[0]");
        assertThat(command("web").code()).isEqualTo(2);
    }
}
