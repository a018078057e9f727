package io.metallb.api.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds YAML-shaped trees in tests, nulls allowed (unlike {@code Map.of}), keys in the order written. */
final class Trees {
    private Trees() {
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** A metallb.io object; BGPPeer is v1beta2 (the stored version), every other kind v1beta1. */
    static Map<String, Object> object(String kind, String name, Map<String, Object> spec) {
        String version = kind.equals("BGPPeer") ? "v1beta2" : "v1beta1";
        return map("apiVersion", "metallb.io/" + version, "kind", kind,
                "metadata", map("name", name, "namespace", "metallb-system"), "spec", spec);
    }

    static Map<String, Object> pool(String name, Object... addresses) {
        return object("IPAddressPool", name, map("addresses", list(addresses)));
    }

    static Map<String, Object> peer(String name, Object... extraSpec) {
        Map<String, Object> spec = map("myASN", 64512, "peerASN", 64513, "peerAddress", "203.0.113.1");
        spec.putAll(map(extraSpec));
        spec.values().removeIf(v -> v == Trees.REMOVE);
        return object("BGPPeer", name, spec);
    }

    /** A value for {@link #peer} that removes the default field of that name. */
    static final Object REMOVE = new Object();
}
