package io.metallb.distribution.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.metallb.api.net.IpAddress;
import io.metallb.api.node.L2Election;
import io.metallb.distribution.command.MockCluster;
import io.metallb.k8s.Crds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code metallb explain SERVICE} without {@code -f}: the command reads fabric8's mock API server (CRUD mode, with
 * MetalLB's CRDs) through {@code --kubeconfig}, as a user would run it, and makes only GET requests.
 */
@EnableKubernetesMockClient(crud = true)
class ExplainClusterTest {

    private static final String NS = "metallb-system";
    private static final String PROD = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: prod}
            spec: {addresses: [198.51.100.0/28]}
            """;

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    @BeforeEach
    void crds() {
        for (String name : Crds.NAMES) {
            client.apiextensions().v1().customResourceDefinitions().resource(client.getKubernetesSerialization()
                    .unmarshal(Crds.manifest(name), CustomResourceDefinition.class)).create();
        }
    }

    @Test
    void layer2NamesTheOwnerElectedAmongTheNodesWhoseSpeakerIsReady() throws Exception {
        IpAddress ip = IpAddress.parse("198.51.100.5");
        Set<String> all = Set.of("n1", "n2", "n3");
        // The node that would win among all three has no Ready speaker: it must never be named.
        String down = L2Election.owner(ip, all).orElseThrow();
        Set<String> ready = new TreeSet<>(all);
        ready.remove(down);
        for (String n : all) {
            node(n, Map.of());
            speaker(n, ready.contains(n));
        }
        apply(PROD, """
                apiVersion: metallb.io/v1beta1
                kind: L2Advertisement
                metadata: {name: l2}
                spec: {}
                """);
        service("default", "web", "10.96.0.10", Map.of(), "198.51.100.5");
        service("default", "other", "10.96.0.11", Map.of(), "198.51.100.6");
        endpoint("default", "web", down);

        Run run = explain("default/web");

        String owner = L2Election.owner(ip, ready).orElseThrow();
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("status: ingress [198.51.100.5]")
                .contains("Address: 198.51.100.5 from pool \"prod\" (as in its status)")
                .contains("layer2: node " + owner + ", elected among the live eligible nodes (L2Advertisement "
                        + "\"l2\")")
                .contains("Speakers Ready on " + ready);
        assertThat(run.lines()).filteredOn(l -> l.contains("layer2:")).noneMatch(l -> l.contains(down));
        assertThat(run.out()).contains("bgp: no node: no BGPAdvertisement covers pool \"prod\"");
    }

    @Test
    void bgpNamesEveryEligibleNodeWithThePeersWhoseNodeSelectorsMatchIt() throws Exception {
        node("n1", Map.of("rack", "a"));
        node("n2", Map.of("rack", "b"));
        node("n3", Map.of("rack", "a"));
        List.of("n1", "n2", "n3").forEach(n -> speaker(n, true));
        apply(PROD, """
                apiVersion: metallb.io/v1beta1
                kind: BGPAdvertisement
                metadata: {name: adv}
                spec: {ipAddressPools: [prod]}
                """, """
                apiVersion: metallb.io/v1beta2
                kind: BGPPeer
                metadata: {name: router}
                spec:
                  myASN: 64512
                  peerASN: 64513
                  peerAddress: 203.0.113.1
                  nodeSelectors:
                  - matchLabels: {rack: a}
                """);
        service("default", "web", "10.96.0.10", Map.of(), "198.51.100.5");
        endpoint("default", "web", "n2");

        Run run = explain("web");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("bgp: node n1 (BGPAdvertisement \"adv\"; to BGPPeer \"router\")")
                .contains("bgp: node n3 (BGPAdvertisement \"adv\"; to BGPPeer \"router\")")
                .contains("layer2: no node: no L2Advertisement covers pool \"prod\"");
        assertThat(run.lines()).filteredOn(l -> l.contains("bgp: node")).noneMatch(l -> l.contains("n2"));
        assertThat(run.out()).contains("bgp: not from n2: no BGPPeer's nodeSelectors match it");
    }

    @Test
    void noAddressPrintsEachPoolAndWhyTheAllocatorSkippedIt() throws Exception {
        node("n1", Map.of());
        speaker("n1", true);
        apply("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: full}
                spec: {addresses: [198.51.100.8/32]}
                """, """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: v6}
                spec: {addresses: ['2001:db8::/120']}
                """, """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: manual}
                spec: {addresses: [203.0.113.0/28], autoAssign: false}
                """, """
                apiVersion: metallb.io/v1beta1
                kind: L2Advertisement
                metadata: {name: l2}
                spec: {}
                """);
        // "holder" has the only address of "full" in its status: restored before "pending" is explained.
        service("default", "holder", "10.96.0.10", Map.of(), "198.51.100.8");
        service("default", "pending", "10.96.0.11", Map.of(), null);

        Run run = explain("default/pending");

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(Explanation.NO_ADDRESS);
        assertThat(run.out()).contains("status: no address")
                .contains("Pools, in the order the allocator tries them:")
                .contains("pool \"manual\": skipped: autoAssign is false");
        assertThat(run.lines()).filteredOn(l -> l.contains("pool \"full\": refused:")).singleElement()
                .satisfies(l -> assertThat(l).contains("1 of 1 in use"));
        assertThat(run.lines()).filteredOn(l -> l.contains("pool \"v6\": refused:")).singleElement()
                .satisfies(l -> assertThat(l).containsIgnoringCase("IPv4"));
        assertThat(run.lines()).anyMatch(l -> l.startsWith("No address: "));

        Run holder = explain("default/holder");
        assertThat(holder.out()).contains("Address: 198.51.100.8 from pool \"full\" (as in its status)");
        assertThat(holder.out()).contains("layer2: no node: the Service has no ready endpoint on any node");
        assertThat(holder.code()).as(holder.out() + holder.err()).isEqualTo(Explanation.NOT_ANNOUNCED);
    }

    @Test
    void anInvalidConfigIsRefusedWithTheControllersMessagesAndAMissingServiceIsAUsageError() throws Exception {
        apply("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: broken}
                spec: {addresses: [198.51.100.0/33]}
                """);
        service("default", "web", "10.96.0.10", Map.of(), null);

        Run run = explain("default/web");

        assertThat(run.code()).isEqualTo(ClusterExplanation.INVALID);
        assertThat(run.out()).contains("IPAddressPool").contains("\"broken\"").contains("spec.addresses")
                .contains("the cluster's MetalLB config is invalid");
        assertThat(run.out()).doesNotContain("Pools, in the order");

        StringWriter err = new StringWriter();
        int mixed = new CommandLine(new ExplainCommand()).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err)).execute("default/web", "--node", "n1");
        assertThat(mixed).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--node, --node-label and --implementation describe this host for -f");

        Run missing = explain("default/absent");
        assertThat(missing.code()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(missing.err()).contains("no Service default/absent in the cluster");
    }

    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** Runs the command against the mock server and checks it made requests, all of them GET. */
    private Run explain(String service) throws Exception {
        drainRequests();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ExplainCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(service, "--kubeconfig", MockCluster.kubeconfig(client, dir), "--namespace", NS);
        List<String> methods = drainRequests();
        assertThat(methods).as("requests of explain").isNotEmpty().allMatch("GET"::equals);
        return new Run(code, out.toString(), err.toString());
    }

    private List<String> drainRequests() throws InterruptedException {
        List<String> methods = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
            methods.add(r.getMethod());
        }
        return methods;
    }

    private void apply(String... yamls) {
        for (String yaml : yamls) {
            GenericKubernetesResource r = client.getKubernetesSerialization().unmarshal(yaml,
                    GenericKubernetesResource.class);
            client.resource(r).inNamespace(NS).create();
        }
    }

    private void node(String name, Map<String, String> labels) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).create();
    }

    /** The speaker Pod on {@code node}, Ready or not. */
    private void speaker(String node, boolean ready) {
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("speaker-" + node)
                .withNamespace(NS).addToLabels("app", "metallb").addToLabels("component", "speaker").endMetadata()
                .withNewSpec().withNodeName(node).endSpec().withNewStatus().addNewCondition().withType("Ready")
                .withStatus(ready ? "True" : "False").endCondition().endStatus().build()).create();
    }

    /** A LoadBalancer Service; with {@code ingress}, its status holds that address as the controller wrote it. */
    private void service(String namespace, String name, String clusterIp, Map<String, String> annotations,
            String ingress) {
        Service s = client.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata()
                .withNamespace(namespace).withName(name).withAnnotations(annotations).endMetadata().withNewSpec()
                .withType("LoadBalancer").withClusterIP(clusterIp).withClusterIPs(List.of(clusterIp))
                .addNewPort().withProtocol("TCP").withPort(80).endPort().addToSelector("app", name).endSpec()
                .build()).create();
        if (ingress != null) {
            client.services().inNamespace(namespace).resource(new ServiceBuilder(s).editOrNewStatus()
                    .withNewLoadBalancer().addNewIngress().withIp(ingress).endIngress().endLoadBalancer()
                    .endStatus().build()).updateStatus();
        }
    }

    private void endpoint(String namespace, String service, String node) {
        client.discovery().v1().endpointSlices().inNamespace(namespace).resource(new EndpointSliceBuilder()
                .withNewMetadata().withName(service + "-1").addToLabels("kubernetes.io/service-name", service)
                .endMetadata().withAddressType("IPv4").addNewEndpoint().withAddresses("10.244.0.7")
                .withNodeName(node).withNewConditions().withReady(true).endConditions().endEndpoint().build())
                .create();
    }
}
