package io.metallb.api.node;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parts of a Kubernetes Node that announcement looks at.
 *
 * @param networkUnavailable the {@code NetworkUnavailable} condition is {@code True}
 */
public record Node(String name, Map<String, String> labels, boolean networkUnavailable) {

    /** Label that removes a node from external load balancers (Kubernetes well-known label). */
    public static final String EXCLUDE_FROM_LB_LABEL = "node.kubernetes.io/exclude-from-external-load-balancers";

    public Node {
        Objects.requireNonNull(name, "name");
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** A healthy node with these labels. */
    public static Node of(String name, Map<String, String> labels) {
        return new Node(name, labels, false);
    }
}
