package io.metallb.api.config;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A YAML mapping being read. It remembers which keys the reader asked for so that {@link #finish()} can report
 * the others: a misspelt {@code autoAsign} would otherwise be silently dropped.
 */
final class Fields {
    private final Node node;
    private final Map<?, ?> map;
    private final Set<Object> read = new HashSet<>();

    Fields(Node node, Map<?, ?> map) {
        this.node = node;
        this.map = map;
    }

    /** The field the CRDs call {@code crdName}, under this dialect's spelling. */
    Node get(String crdName) {
        String key = node.dialect().key(crdName);
        read.add(key);
        return node.child(key, map.get(key));
    }

    /**
     * Every key, for mappings whose keys are data (labels, legacy community aliases). Keys that are not strings
     * are reported here and left out; they are read directly, whatever the dialect.
     */
    java.util.List<String> keys() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Object key : map.keySet()) {
            read.add(key);
            if (key instanceof String s) {
                out.add(s);
            } else {
                node.child(String.valueOf(key), map.get(key)).error("key " + Node.describe(key)
                        + " (expected: a string)");
            }
        }
        return out;
    }

    /** The value under a literal key, not translated by the dialect. */
    Node literal(String key) {
        read.add(key);
        return node.child(key, map.get(key));
    }

    /** Marks keys as known without reading them (for example {@code apiVersion}, read elsewhere). */
    void ignore(String... crdNames) {
        for (String n : crdNames) {
            read.add(node.dialect().key(n));
        }
    }

    /** Reports every key never asked for: an error in the legacy dialect, a warning for CRD objects. */
    void finish() {
        for (Object key : map.keySet()) {
            if (read.contains(key)) {
                continue;
            }
            Node unknown = node.child(String.valueOf(key), map.get(key));
            if (node.dialect().unknownKeysAreErrors()) {
                unknown.error("unknown field");
            } else {
                unknown.warn("unknown field, ignored");
            }
        }
    }
}
