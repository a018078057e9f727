package io.metallb.api.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector: every {@code matchLabels} pair and every {@code matchExpressions} requirement
 * must hold. The empty selector matches everything, as in Kubernetes.
 */
public record LabelSelector(Map<String, String> matchLabels, List<LabelRequirement> matchExpressions) {

    /** The selector that matches every object. */
    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    public LabelSelector {
        matchLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(matchLabels)));
        matchExpressions = List.copyOf(matchExpressions);
    }

    /** A selector of {@code matchLabels} only. */
    public static LabelSelector ofLabels(Map<String, String> labels) {
        return new LabelSelector(labels, List.of());
    }

    /** True when {@code labels} satisfy every pair and every requirement. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (LabelRequirement r : matchExpressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** True when this selector has no pair and no requirement. */
    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    /**
     * MetalLB's rule for a list of selectors (nodeSelectors, ipAddressPoolSelectors, ...): an empty list matches
     * everything, otherwise any one selector matching is enough.
     */
    public static boolean anyMatches(List<LabelSelector> selectors, Map<String, String> labels) {
        if (selectors.isEmpty()) {
            return true;
        }
        for (LabelSelector s : selectors) {
            if (s.matches(labels)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Kubernetes' text of the selector ({@code a=1,b in (x,y),!c}): all requirements, {@code matchLabels} as
     * {@code k=v}, ordered by key as {@code labels.Selector.String()} orders them. MetalLB compares selectors by
     * this text to find duplicates. The empty selector reads {@code <everything>}.
     */
    @Override
    public String toString() {
        List<Map.Entry<String, String>> parts = new ArrayList<>();
        matchLabels.forEach((k, v) -> parts.add(Map.entry(k, k + "=" + v)));
        matchExpressions.forEach(r -> parts.add(Map.entry(r.key(), r.toString())));
        parts.sort(Map.Entry.comparingByKey());
        return parts.isEmpty() ? "<everything>"
                : parts.stream().map(Map.Entry::getValue).collect(Collectors.joining(","));
    }
}
