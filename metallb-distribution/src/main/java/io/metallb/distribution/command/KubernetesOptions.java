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
     * maps only the kinds MetalLB reads ({@link KubernetesClients}).
     */
    public KubernetesClient client() throws IOException {
        Config config = kubeconfig == null ? Config.autoConfigure(null)
                : Config.fromKubeconfig(Files.readString(kubeconfig));
        return KubernetesClients.client(config);
    }
}
