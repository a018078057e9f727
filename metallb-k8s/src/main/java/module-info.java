/**
 * metallb-k8s: the controller and speaker glue on Kubernetes (fabric8 client): informers on MetalLB's CRDs, the
 * legacy ConfigMap, Services and Namespaces; status, annotation and event writers; leader election. The allocator
 * and the protocol announcers are found through {@link java.util.ServiceLoader}, as any embedder finds them.
 */
module io.metallb.k8s {
    requires transitive io.metallb.api;
    requires java.net.http;
    requires kubernetes.client.api;
    requires kubernetes.client;
    requires io.fabric8.kubernetes.client.jdkhttp;
    requires kubernetes.model.core;
    requires kubernetes.model.common;
    requires kubernetes.model.coordination;
    requires kubernetes.model.discovery;
    // Automatic modules do not pull these onto the module graph (../shared/NOTES.md).
    requires com.fasterxml.jackson.databind;
    requires org.snakeyaml.engine;

    exports io.metallb.k8s;

    uses io.metallb.api.spi.AllocatorProvider;
    uses io.metallb.api.spi.AnnouncerProvider;
}
