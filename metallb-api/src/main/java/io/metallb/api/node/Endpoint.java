package io.metallb.api.node;

import java.util.Optional;

/**
 * One endpoint of a Service from its EndpointSlices ({@code discovery.k8s.io/v1}).
 *
 * @param nodeName where the endpoint runs, if known
 * @param ready the {@code ready} condition; Kubernetes says an absent condition means ready
 * @param serving the {@code serving} condition (ready, or terminating and still serving)
 * @param terminating the {@code terminating} condition
 */
public record Endpoint(Optional<String> nodeName, boolean ready, boolean serving, boolean terminating) {

    public Endpoint {
        java.util.Objects.requireNonNull(nodeName, "nodeName");
    }

    /** A ready endpoint on {@code node}. */
    public static Endpoint readyOn(String node) {
        return new Endpoint(Optional.of(node), true, true, false);
    }
}
