package io.metallb.api.node;

import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint of a Service from its EndpointSlices ({@code discovery.k8s.io/v1}). The API requires every
 * endpoint to carry at least one address, so addresses are not modelled.
 *
 * @param nodeName where the endpoint runs, if known
 * @param ready the {@code ready} condition; an absent condition must be given as {@code true} (Kubernetes: "nil
 *     should be interpreted as true")
 * @param serving the {@code serving} condition; an absent condition must be given as {@code false}
 * @param terminating the {@code terminating} condition; MetalLB does not look at it
 */
public record Endpoint(Optional<String> nodeName, boolean ready, boolean serving, boolean terminating) {

    public Endpoint {
        Objects.requireNonNull(nodeName, "nodeName");
    }

    /** A ready endpoint on {@code node}. */
    public static Endpoint readyOn(String node) {
        return new Endpoint(Optional.of(node), true, true, false);
    }

    /**
     * MetalLB's {@code epslices.EndpointCanServe}: ready, or else serving. A terminating endpoint that still
     * serves can take traffic, so it counts; {@code terminating} itself is not consulted.
     */
    public boolean canServe() {
        return ready || serving;
    }

    /** True when the endpoint runs on {@code node}. */
    public boolean isOn(Node node) {
        return nodeName.filter(node.name()::equals).isPresent();
    }
}
