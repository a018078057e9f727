package io.metallb.distribution.command;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How the controller and the speaker reach Kubernetes, and which MetalLB objects they serve. */
final class KubernetesOptions {

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

    Optional<String> loadBalancerClass() {
        return loadBalancerClass == null || loadBalancerClass.isBlank() ? Optional.empty()
                : Optional.of(loadBalancerClass);
    }

    /** A client from {@code --kubeconfig}, or fabric8's automatic configuration (service account, kubeconfig). */
    KubernetesClient client() throws IOException {
        Config config = kubeconfig == null ? Config.autoConfigure(null)
                : Config.fromKubeconfig(Files.readString(kubeconfig));
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
