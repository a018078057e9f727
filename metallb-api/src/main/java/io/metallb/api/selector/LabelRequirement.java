package io.metallb.api.selector;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code matchExpressions} entry. Semantics are Kubernetes': {@code NotIn} and {@code DoesNotExist} hold
 * when the key is absent; {@code In} and {@code NotIn} need at least one value, {@code Exists} and
 * {@code DoesNotExist} none.
 */
public record LabelRequirement(String key, Operator operator, List<String> values) {

    /** The four set-based operators of Kubernetes label selectors. */
    public enum Operator {
        IN("In"),
        NOT_IN("NotIn"),
        EXISTS("Exists"),
        DOES_NOT_EXIST("DoesNotExist");

        private final String wireName;

        Operator(String wireName) {
            this.wireName = wireName;
        }

        /** The spelling in YAML: {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}. */
        public String wireName() {
            return wireName;
        }

        /** Parses the YAML spelling; {@link IllegalArgumentException} naming the text otherwise. */
        public static Operator fromWireName(String name) {
            for (Operator o : values()) {
                if (o.wireName.equals(name)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("\"" + name + "\" is not a selector operator"
                    + " (expected: In, NotIn, Exists or DoesNotExist)");
        }
    }

    public LabelRequirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("selector key is empty");
        }
        switch (operator) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("operator " + operator.wireName()
                            + " on key \"" + key + "\" needs at least one value");
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    throw new IllegalArgumentException("operator " + operator.wireName()
                            + " on key \"" + key + "\" takes no values");
                }
            }
        }
    }

    public boolean matches(Map<String, String> labels) {
        String v = labels.get(key);
        return switch (operator) {
            case IN -> v != null && values.contains(v);
            case NOT_IN -> v == null || !values.contains(v);
            case EXISTS -> v != null;
            case DOES_NOT_EXIST -> v == null;
        };
    }

    /** Kubernetes' text for the requirement, values sorted as {@code Requirement.String()} sorts them. */
    @Override
    public String toString() {
        String sorted = String.join(",", values.stream().sorted().toList());
        return switch (operator) {
            case IN -> key + " in (" + sorted + ")";
            case NOT_IN -> key + " notin (" + sorted + ")";
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
        };
    }
}
