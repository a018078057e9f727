package io.metallb.distribution.command;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.metallb.k8s.KubernetesClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How the controller and the speaker reach Kubernetes, and which MetalLB objects they serve; {@code metallb explain}
 * reads the cluster through the same options.
 */
public final class KubernetesOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "A kubeconfig file. Without it: in cluster, "
            + "the Pod's service account; outside, $KUBECONFIG or ~/.kube/config.")
    Path kubeconfig;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:METALLB_NAMESPACE:-metallb-system}",
            description = "Where MetalLB's config objects and the legacy ConfigMap live "
                    + "(env METALLB_NAMESPACE; default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--lb-class", paramLabel = "CLASS", defaultValue = "${env:METALLB_LB_CLASS:-}",
            description = "Serve only services whose spec.loadBalancerClass is CLASS; without it, services with no "
                    + "class (env METALLB_LB_CLASS).")
    String loadBalancerClass;

    @Option(names = "--websocket-watches", defaultValue = "${env:METALLB_WEBSOCKET_WATCHES:-false}",
            description = "Watch over WebSockets, one TLS connection each (fabric8's default). Without it, watches "
                    + "are streamed HTTP responses, as client-go's are: with an API server that speaks HTTP/2, they "
                    + "share its one connection with the lists (env METALLB_WEBSOCKET_WATCHES).")
    boolean websocketWatches;

    /** {@code --namespace}: where MetalLB's config objects, the legacy ConfigMap and the speaker Pods are. */
    public String namespace() {
        return namespace;
    }

    /** {@code --lb-class}, empty when not given. */
    public Optional<String> loadBalancerClass() {
        return loadBalancerClass == null || loadBalancerClass.isBlank() ? Optional.empty()
                : Optional.of(loadBalancerClass);
    }

    /**
     * A client from {@code --kubeconfig}, or fabric8's automatic configuration (service account, kubeconfig), that
     * maps only the kinds MetalLB reads ({@link KubernetesClients}), and watches over HTTP unless
     * {@code --websocket-watches}.
     *
     * <p>Over HTTP, every list and watch is a stream of the API server's one HTTP/2 connection, as client-go's: at a
     * speaker's start that is one TLS handshake, where WebSockets (an HTTP/1.1 upgrade each) need one for each of
     * its twelve watches (docs/benchmarks.md).
     */
    public KubernetesClient client() throws IOException {
        Config config = kubeconfig == null ? Config.autoConfigure(null)
                : Config.fromKubeconfig(Files.readString(kubeconfig));
        config.setOnlyHttpWatches(!websocketWatches);
        return KubernetesClients.client(config);
    }
}
