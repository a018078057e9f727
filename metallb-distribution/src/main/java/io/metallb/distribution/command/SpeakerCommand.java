package io.metallb.distribution.command;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.metallb.api.spi.AnnouncerProvider;
import io.metallb.distribution.health.OperationsServer;
import io.metallb.distribution.metrics.MetalLbMetrics;
import io.metallb.k8s.KubernetesSpeaker;
import io.metallb.k8s.ReadySpeakers;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code metallb speaker}: announces this node's share of the service addresses with the announcers installed on
 * the module path ({@code layer2}, {@code bgp}, plugins). The live nodes are those whose speaker Pod is Ready.
 */
@Command(name = "speaker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the speaker of one node: announces the addresses this node is responsible for, with "
                + "the announcers found on the module path (layer2, bgp, or a plugin). On SIGTERM it withdraws "
                + "everything (routes withdrawn, ARP/NDP answers stopped) before exiting.",
                "/readyz is 200 once its caches are filled and it announces from them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:stopped by SIGTERM or SIGINT after withdrawing every announcement",
                "2:usage error (e.g. no --node-name)",
                "3:could not start (no usable Kubernetes config, caches not filled in --sync-timeout, metrics "
                        + "port not bindable), or a watch could not open after the first lists (announcements "
                        + "withdrawn)"})
final class SpeakerCommand implements Callable<Integer> {

    private static final System.Logger LOG = System.getLogger(SpeakerCommand.class.getName());

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KubernetesOptions kubernetes;

    @Mixin
    OperationsOptions operations;

    @Option(names = "--node-name", paramLabel = "NODE", defaultValue = "${env:METALLB_NODE_NAME:-}",
            description = "This Kubernetes node's name, spec.nodeName of the Pod (env METALLB_NODE_NAME; required).")
    String nodeName;

    @Option(names = "--speaker-selector", paramLabel = "K=V[,K=V...]",
            defaultValue = "${env:METALLB_ML_LABELS:-app=metallb,component=speaker}",
            description = "Labels of the speaker Pods in the namespace; nodes whose speaker Pod is Ready are live "
                    + "(env METALLB_ML_LABELS; default: ${DEFAULT-VALUE}).")
    String speakerSelector;

    @Option(names = "--announcer", paramLabel = "PROTOCOL=PROVIDER",
            description = "Announce PROTOCOL (layer2, bgp) with the announcer provider of another protocol name, "
                    + "e.g. bgp=my-bgp-plugin; repeatable. Default: each protocol by the provider of its name.")
    Map<String, String> announcers = new LinkedHashMap<>();

    @Option(names = "--announcer-option", paramLabel = "KEY=VALUE",
            description = "An option for the announcers, e.g. layer2.exclude-interfaces=docker.*,veth.* or "
                    + "layer2.kernel-responder=off; repeatable.")
    Map<String, String> announcerOptions = new LinkedHashMap<>();

    @Option(names = "--sync-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the caches at start (default: ${DEFAULT-VALUE}).")
    int syncTimeoutSeconds;

    @Override
    public Integer call() {
        if (nodeName == null || nodeName.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing --node-name (or METALLB_NODE_NAME): the node this speaker runs on");
        }
        Map<String, String> selector = labels(speakerSelector);
        operations.configureLogging();
        Termination termination = Termination.onSignals();
        MetalLbMetrics metrics = new MetalLbMetrics();
        try (KubernetesClient client = kubernetes.client()) {
            ReadySpeakers live = new ReadySpeakers(client, kubernetes.namespace, selector);
            KubernetesSpeaker speaker = KubernetesSpeaker.withInstalledAnnouncers(client, new KubernetesSpeaker.Options(
                    kubernetes.namespace, nodeName, kubernetes.loadBalancerClass(), announcers, announcerOptions),
                    Optional.of(live),
                    metrics);
            try (OperationsServer http = OperationsServer.start(operations.metricsAddress(), metrics,
                    speaker::isStarted)) {
                LOG.log(Level.INFO, "speaker on node " + nodeName + " starting: namespace " + kubernetes.namespace
                        + ", announcers installed " + installed() + ", API server " + client.getMasterUrl());
                try {
                    // Both caches fill at once; the speaker announces once the live set is read too.
                    speaker.start(syncTimeoutSeconds, TimeUnit.SECONDS, live::start);
                } catch (TimeoutException | IllegalStateException e) {
                    LOG.log(Level.ERROR, "speaker could not fill its caches in " + syncTimeoutSeconds + " s: " + e);
                    speaker.close();
                    live.close();
                    return RunExit.START_FAILED;
                }
                LOG.log(Level.INFO, "speaker started on node " + nodeName);
                // Ready once the caches hold their first lists; a watch that then cannot open ends the speaker,
                // as a failed start does, so that the kubelet restarts it.
                Object reason = CompletableFuture.anyOf(termination.signalled(), speaker.failed(), live.failed())
                        .handle((signal, failure) -> failure == null ? signal : failure).join();
                boolean failed = !(reason instanceof String);
                LOG.log(failed ? Level.ERROR : Level.INFO, (failed ? "informer failed: " + reason : reason)
                        + ": withdrawing every announcement");
                speaker.close();
                live.close();
                LOG.log(Level.INFO, "speaker stopped, nothing announced any more");
                return failed ? RunExit.START_FAILED : RunExit.STOPPED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunExit.START_FAILED;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "speaker could not start: " + e, e);
            return RunExit.START_FAILED;
        }
    }

    private static TreeSet<String> installed() {
        TreeSet<String> protocols = new TreeSet<>();
        ServiceLoader.load(AnnouncerProvider.class).stream().forEach(p -> protocols.add(p.get().protocol()));
        return protocols;
    }

    /** {@code k=v,k=v} as a map; a malformed pair is a usage error. */
    private Map<String, String> labels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] kv = pair.strip().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--speaker-selector: '" + pair
                        + "' (expected: KEY=VALUE[,KEY=VALUE...])");
            }
            out.put(kv[0].strip(), kv[1].strip());
        }
        return out;
    }
}
