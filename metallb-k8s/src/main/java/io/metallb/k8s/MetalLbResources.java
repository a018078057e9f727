package io.metallb.k8s;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/**
 * The {@code metallb.io} kinds the controller reads and writes, and the core kinds read without their typed
 * classes, addressed by a {@link ResourceDefinitionContext} so no typed classes (and no CRD lookup) are needed.
 */
final class MetalLbResources {

    static final String GROUP = "metallb.io";

    /** The config kinds, each at the version the controller reads (the API server converts). */
    static final List<ResourceDefinitionContext> CONFIG_KINDS = List.of(
            context("IPAddressPool", "ipaddresspools", "v1beta1"),
            context("L2Advertisement", "l2advertisements", "v1beta1"),
            context("BGPAdvertisement", "bgpadvertisements", "v1beta1"),
            context("BGPPeer", "bgppeers", "v1beta2"),
            context("Community", "communities", "v1beta1"),
            context("BFDProfile", "bfdprofiles", "v1beta1"));

    static final ResourceDefinitionContext CONFIGURATION_STATE =
            context("ConfigurationState", "configurationstates", "v1beta1");

    /**
     * Core v1 Pods and Nodes, read as {@code GenericKubernetesResource}: the speaker needs a few fields of each,
     * and the typed classes cost it hundreds of classes (a Pod's spec alone reaches every volume source, each
     * with its builder).
     */
    static final ResourceDefinitionContext PODS = new ResourceDefinitionContext.Builder().withGroup("")
            .withVersion("v1").withKind("Pod").withPlural("pods").withNamespaced(true).build();

    static final ResourceDefinitionContext NODES = new ResourceDefinitionContext.Builder().withGroup("")
            .withVersion("v1").withKind("Node").withPlural("nodes").withNamespaced(false).build();

    private MetalLbResources() {
    }

    private static ResourceDefinitionContext context(String kind, String plural, String version) {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }
}
