package io.metallb.distribution.explain;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.metallb.api.node.Node;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.AnnouncerProvider;
import io.metallb.api.spi.Assignment;
import io.metallb.distribution.command.KubernetesOptions;
import io.metallb.distribution.standalone.Assignments;
import io.metallb.distribution.standalone.StandaloneInput;
import io.metallb.distribution.standalone.StateFile;
import io.metallb.k8s.ClusterSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metallb explain SERVICE [-f FILE]}: why a Service has or has not got an address, and who announces it;
 * from a standalone file, or read once from a cluster.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explains why a Service has or has not got an address: of the cluster (read once through "
                + "--kubeconfig or the Pod's service account, nothing written), or of a standalone FILE with -f.",
                "Prints what it asks for, each pool in the order the allocator tries it and why it was taken or skipped (the "
                + "allocator's own reasons), the address, and whether this node announces it by each protocol "
                + "(which advertisements, which BGP peers, the layer 2 election).",
                "Cluster: the addresses in Service status are restored first, as the controller does; the nodes "
                        + "announcing are those whose speaker plan announces it (layer 2: the owner elected among "
                        + "the nodes whose speaker Pod is Ready; bgp: every eligible node, with its BGPPeers).",
                "FILE: the assignments in FILE.state are restored first, as `metallb standalone` does, so a running "
                        + "standalone's assignment is the one explained. Nothing is written; no network is used."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the Service has an address and this node (cluster: some node) announces it",
                "1:FILE (cluster: MetalLB's config) is invalid: one line per error",
                "2:usage error; FILE or its state file (cluster: the API server) cannot be read; no such Service",
                "3:the Service has no address (the reason is printed)",
                "4:the Service has an address that no protocol announces from this node (cluster: from any node)"})
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SERVICE", description = "NAMESPACE/NAME, or NAME in namespace default")
    String service;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "the standalone file (metallb.io objects and Services); without it, the cluster")
    Path file;

    @CommandLine.Mixin
    KubernetesOptions kubernetes;

    @Option(names = "--speaker-selector", paramLabel = "K=V[,K=V...]", split = ",",
            defaultValue = "${env:METALLB_ML_LABELS:-app=metallb,component=speaker}",
            description = "cluster: labels of the speaker Pods in --namespace; nodes whose speaker Pod is Ready are "
                    + "live (default: ${DEFAULT-VALUE})")
    Map<String, String> speakerSelector = new LinkedHashMap<>();

    @Option(names = "--node", paramLabel = "NAME", description = "the node announcing (default: this host's name)")
    String node;

    @Option(names = "--node-label", paramLabel = "KEY=VALUE", description = "a label of the node (repeatable)")
    Map<String, String> nodeLabels = new LinkedHashMap<>();

    @Option(names = "--implementation", paramLabel = "PROTOCOL=PROVIDER",
            description = "as for standalone: PROTOCOL announced by the announcer of PROVIDER (repeatable)")
    Map<String, String> implementations = new LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (file == null) {
            if (node != null || !nodeLabels.isEmpty() || !implementations.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--node, --node-label and "
                        + "--implementation describe this host for -f FILE; from a cluster, the nodes are read");
            }
            return fromCluster(out, err);
        }
        StandaloneInput input;
        SortedMap<ServiceKey, Assignment> state;
        StateFile stateFile = StateFile.beside(file);
        try {
            input = StandaloneInput.read(file);
            state = stateFile.read();
        } catch (IOException e) {
            err.println("metallb explain: cannot read " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (!input.valid()) {
            input.allErrors().forEach(out::println);
            out.println(file + ": invalid, nothing to explain");
            return 1;
        }
        ServiceKey key = ServiceKey.parse(service);
        if (!input.services().containsKey(key)) {
            err.println("metallb explain: no Service " + key + " in " + file + " (Services: "
                    + String.join(", ", input.services().keySet().stream().map(ServiceKey::toString).toList()) + ")");
            return CommandLine.ExitCode.USAGE;
        }
        Set<String> protocols = new TreeSet<>();
        Set<String> providers = new TreeSet<>();
        ServiceLoader.load(AnnouncerProvider.class).stream().forEach(p -> providers.add(p.get().protocol()));
        for (String protocol : Set.of("layer2", "bgp")) {
            if (providers.contains(implementations.getOrDefault(protocol, protocol))) {
                protocols.add(protocol);
            }
        }
        Explanation e = Explanation.of(input, key, state, stateFile.exists() ? stateFile.path().toString()
                : stateFile.path() + " (absent: a first start)", new Assignments(Assignments.installedAllocator(),
                state), Node.of(node != null ? node : hostName(), nodeLabels), protocols);
        e.lines().forEach(out::println);
        out.flush();
        return e.exitCode();
    }

    /** Reads the cluster once (gets and lists only) and explains from it. */
    private int fromCluster(PrintWriter out, PrintWriter err) {
        ServiceKey key = ServiceKey.parse(service);
        ClusterSnapshot snapshot;
        try (KubernetesClient client = kubernetes.client()) {
            snapshot = ClusterSnapshot.read(client, kubernetes.namespace(), key, speakerSelector);
        } catch (IOException | KubernetesClientException e) {
            err.println("metallb explain: cannot read the cluster: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (snapshot.service().isEmpty()) {
            err.println("metallb explain: no Service " + key + " in the cluster");
            return CommandLine.ExitCode.USAGE;
        }
        Explanation e = ClusterExplanation.of(snapshot, Assignments.installedAllocator(),
                kubernetes.loadBalancerClass());
        e.lines().forEach(out::println);
        out.flush();
        return e.exitCode();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
