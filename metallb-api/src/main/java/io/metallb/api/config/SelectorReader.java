package io.metallb.api.config;

import io.metallb.api.selector.LabelRequirement;
import io.metallb.api.selector.LabelSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Kubernetes label selectors ({@code matchLabels}, {@code matchExpressions}) and label maps, with
 * apimachinery's syntax rules and MetalLB's duplicate checks ({@code validateLabelSelectorDuplicate}).
 */
final class SelectorReader {
    private SelectorReader() {
    }

    /** A list of selectors; the same selector twice is an error, as in MetalLB. */
    static List<LabelSelector> list(Node node) {
        List<LabelSelector> out = new ArrayList<>();
        for (Node item : node.items()) {
            selector(item).ifPresent(s -> {
                if (out.contains(s)) {
                    item.error("selector " + s + " is listed twice");
                } else {
                    out.add(s);
                }
            });
        }
        return out;
    }

    /** One selector; an empty mapping is the selector that matches everything. */
    static Optional<LabelSelector> selector(Node node) {
        if (!node.require("a label selector")) {
            return Optional.empty();
        }
        Fields f = node.fields();
        int before = node.errorCount();
        Map<String, String> labels = labels(f.get("matchLabels"));
        List<LabelRequirement> expressions = new ArrayList<>();
        for (Node e : f.get("matchExpressions").items()) {
            requirement(e).ifPresent(r -> {
                if (expressions.contains(r)) {
                    e.error("match expression " + r + " is listed twice");
                } else {
                    expressions.add(r);
                }
            });
        }
        f.finish();
        return before == node.errorCount() ? Optional.of(new LabelSelector(labels, expressions)) : Optional.empty();
    }

    /** A string-to-string map whose keys and values follow label syntax (also used for metadata.labels). */
    static Map<String, String> labels(Node node) {
        Map<String, String> out = new LinkedHashMap<>();
        Fields f = node.fields();
        for (String key : f.keys()) {
            Node v = f.literal(key);
            LabelSyntax.keyProblem(key).ifPresent(v::error);
            if (v.require("a string")) {
                v.text().ifPresent(s -> {
                    LabelSyntax.valueProblem(s).ifPresent(v::error);
                    out.put(key, s);
                });
            }
        }
        return out;
    }

    private static Optional<LabelRequirement> requirement(Node node) {
        Fields f = node.fields();
        Optional<String> key = f.get("key").text();
        Node opNode = f.get("operator");
        Optional<String> op = opNode.require("In, NotIn, Exists or DoesNotExist") ? opNode.text() : Optional.empty();
        Node valuesNode = f.get("values");
        List<String> values = valuesNode.distinctTexts();
        f.finish();
        if (key.isEmpty()) {
            f.get("key").require("a label key");
            return Optional.empty();
        }
        Optional<String> keyProblem = LabelSyntax.keyProblem(key.get());
        keyProblem.ifPresent(p -> f.get("key").error(p));
        values.forEach(v -> LabelSyntax.valueProblem(v).ifPresent(valuesNode::error));
        if (op.isEmpty() || keyProblem.isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LabelRequirement(key.get(),
                    LabelRequirement.Operator.fromWireName(op.get()), values));
        } catch (IllegalArgumentException e) {
            node.error(e.getMessage());
            return Optional.empty();
        }
    }
}
