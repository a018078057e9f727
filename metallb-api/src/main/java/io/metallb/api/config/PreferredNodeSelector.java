package io.metallb.api.config;

import io.metallb.api.selector.LabelSelector;
import java.util.Objects;

/**
 * One of an L2Advertisement's {@code preferredNodeSelectors} (MetalLB's {@code PreferredNodeSelector}, modelled
 * on Kubernetes' {@code PreferredSchedulingTerm}): nodes the advertisement selects that match {@code preference}
 * gain {@code weight} in the layer 2 election; the weights of every matching preference add up.
 *
 * @param weight 1..100
 * @param preference the nodes that get the weight (an empty selector matches every node)
 */
public record PreferredNodeSelector(int weight, LabelSelector preference) {

    public static final int MIN_WEIGHT = 1;
    public static final int MAX_WEIGHT = 100;

    public PreferredNodeSelector {
        if (weight < MIN_WEIGHT || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: 1..100)");
        }
        Objects.requireNonNull(preference, "preference");
    }
}
