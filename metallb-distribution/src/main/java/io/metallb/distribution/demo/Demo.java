package io.metallb.distribution.demo;

import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.AnnouncerProvider;
import io.metallb.k8s.KubernetesController;
import io.metallb.k8s.KubernetesSpeaker;
import io.metallb.k8s.LeaderElectedController;
import io.metallb.k8s.ReadySpeakers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

/**
 * {@code metallb demo}: a whole MetalLB cluster in this process, needing no root, cluster or network. fabric8's
 * mock API server, the real controller (leader-elected on a Lease), a real speaker per simulated node (layer 2
 * recorded, since answering ARP needs CAP_NET_RAW; BGP for real, over 127.0.0.1, to {@link DemoPeer}); the
 * examples applied; then, once everything converged, the table of services and the routes the router received.
 */
final class Demo {

    /** The simulated nodes and the loopback address each one's BGP sessions leave from. */
    static final Map<String, IpAddress> NODES = nodes("node-a", "node-b", "node-c");

    /** Exit codes. */
    static final int OK = 0;
    static final int NOT_CONVERGED = 1;
    static final int BAD_EXAMPLES = 2;

    private static final IpAddress ROUTER_ID = IpAddress.parse("127.0.0.1");

    /**
     * @param examples a directory holding config.yaml and services.yaml; empty: the copy in the jar
     * @param timeout how long to wait for the cluster to converge
     */
    record Options(Optional<Path> examples, Duration timeout) {
    }

    private Demo() {
    }

    private static Map<String, IpAddress> nodes(String... names) {
        Map<String, IpAddress> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], IpAddress.parse("127.0.0." + (11 + i)));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The labels of a simulated node. */
    static Map<String, String> labels(String node) {
        return Map.of("kubernetes.io/hostname", node);
    }

    /** Runs the demo; returns its exit code. */
    static int run(Options options, PrintWriter out, PrintWriter err) throws Exception {
        long started = System.nanoTime();
        DemoExamples examples;
        try {
            examples = DemoExamples.load(options.examples());
        } catch (DemoExamples.Refused e) {
            err.println("metallb demo: " + e.getMessage());
            return BAD_EXAMPLES;
        }
        var firstPeer = examples.parsed().bgpPeers().values().stream().findFirst();
        long myAsn = firstPeer.map(p -> p.myAsn()).orElse(64512L);
        long routerAsn = firstPeer.flatMap(p -> p.peerAsn().isPresent() ? Optional.of(p.peerAsn().getAsLong())
                : Optional.empty()).orElse(myAsn);
        List<AutoCloseable> running = new ArrayList<>();
        try (DemoPeer peer = new DemoPeer(routerAsn, myAsn, ROUTER_ID)) {
            try {
                examples = examples.pointedAt(peer.port());
            } catch (DemoExamples.Refused e) {
                err.println("metallb demo: " + e.getMessage());
                return BAD_EXAMPLES;
            }
            DemoCluster cluster = new DemoCluster(List.copyOf(NODES.keySet()));
            running.add(cluster);
            examples.config().forEach(cluster::applyMetallbObject);
            examples.services().forEach(cluster::applyService);
            out.println("metallb demo: API server (fabric8 mock, CRUD) at " + cluster.client().getMasterUrl()
                    + ", BGP router at 127.0.0.1:" + peer.port() + " (AS " + routerAsn + ")");
            out.println("applied " + examples.source() + ": " + examples.config().size() + " metallb.io objects, "
                    + examples.services().size() + " Services");
            out.flush();

            LeaderElectedController controller = new LeaderElectedController(cluster.client(),
                    new KubernetesController.Options(DemoCluster.NAMESPACE, Optional.empty()), "demo-controller",
                    LeaderElectedController.Timings.DEFAULT);
            running.add(controller);
            controller.start();
            RecordingLayer2 layer2 = new RecordingLayer2();
            AnnouncerProvider bgp = new NodeAddressedBgp(installed("bgp"), NODES);
            for (String node : NODES.keySet()) {
                ReadySpeakers live = new ReadySpeakers(cluster.client(), DemoCluster.NAMESPACE,
                        DemoCluster.SPEAKER_LABELS);
                running.add(live);
                live.start().get(20, TimeUnit.SECONDS);
                KubernetesSpeaker speaker = new KubernetesSpeaker(cluster.client(), new KubernetesSpeaker.Options(
                        DemoCluster.NAMESPACE, node, Optional.empty()), List.of(layer2, bgp), Optional.of(live));
                running.add(speaker);
                speaker.start(20, TimeUnit.SECONDS);
            }
            out.println("started the controller and speakers on " + describeNodes());
            out.flush();

            long deadline = System.nanoTime() + options.timeout().toNanos();
            Observation seen = Observation.take(cluster.client(), layer2, peer, examples, NODES);
            while (!seen.converged() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                seen = Observation.take(cluster.client(), layer2, peer, examples, NODES);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.println();
            out.print(DemoReport.services(seen, NODES));
            out.println();
            out.println("Routes the BGP router (127.0.0.1:" + peer.port() + ", AS " + routerAsn + ") received:");
            out.print(DemoReport.routes(seen, NODES));
            out.println();
            if (!seen.converged()) {
                out.flush();
                err.println("metallb demo: did not converge within " + options.timeout().toSeconds() + " s; still "
                        + "missing:");
                seen.missing().forEach(m -> err.println("  " + m));
                return NOT_CONVERGED;
            }
            out.printf("converged %.1f s after start; shutting down%n", seconds);
            out.flush();
            closeAll(running);
            awaitWithdrawn(peer, Duration.ofSeconds(5));
            out.println("stopped: the speakers closed their sessions, the router holds " + peer.routes().size()
                    + " routes");
            return OK;
        } finally {
            closeAll(running);
        }
    }

    /** The provider of {@code protocol} installed on the module path. */
    private static AnnouncerProvider installed(String protocol) {
        return ServiceLoader.load(AnnouncerProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.protocol().equals(protocol)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no announcer for protocol \"" + protocol
                        + "\" on the module path (expected: module io.metallb.bgp)"));
    }

    private static String describeNodes() {
        List<String> parts = new ArrayList<>();
        NODES.forEach((n, a) -> parts.add(n + " (" + a + ")"));
        return String.join(", ", parts);
    }

    /** Closes in reverse order of start; empties the list, so a second call does nothing. */
    private static void closeAll(List<AutoCloseable> running) throws Exception {
        Exception first = null;
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        running.clear();
        if (first != null) {
            throw first;
        }
    }

    private static void awaitWithdrawn(DemoPeer peer, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!peer.routes().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
