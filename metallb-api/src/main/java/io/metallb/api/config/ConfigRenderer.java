package io.metallb.api.config;

import io.metallb.api.selector.LabelRequirement;
import io.metallb.api.selector.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders a {@link Config} as CRD-shaped trees that {@link ConfigParser#parseObjects} reads back to an equal
 * config: every default is written out, so nothing depends on defaulting staying the same. Empty lists and
 * absent optionals are left out.
 */
final class ConfigRenderer {
    private ConfigRenderer() {
    }

    static List<Map<String, Object>> render(Config config) {
        List<Map<String, Object>> out = new ArrayList<>();
        config.bfdProfiles().values().forEach(b -> out.add(object("BFDProfile", "v1beta1", b.name(), Map.of(),
                bfd(b))));
        config.communities().values().forEach(c -> out.add(object("Community", "v1beta1", c.name(), Map.of(),
                community(c))));
        config.pools().values().forEach(p -> out.add(object("IPAddressPool", "v1beta1", p.name(), p.labels(),
                PoolRenderer.pool(p))));
        config.bgpPeers().values().forEach(p -> out.add(object("BGPPeer", "v1beta2", p.name(), Map.of(),
                PeerRenderer.peer(p))));
        config.l2Advertisements().values().forEach(a -> out.add(object("L2Advertisement", "v1beta1", a.name(),
                Map.of(), l2(a))));
        config.bgpAdvertisements().values().forEach(a -> out.add(object("BGPAdvertisement", "v1beta1", a.name(),
                Map.of(), bgp(a))));
        return out;
    }

    private static Map<String, Object> object(String kind, String version, String name, Map<String, String> labels,
            Map<String, Object> spec) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", ObjectsReader.DEFAULT_NAMESPACE);
        if (!labels.isEmpty()) {
            metadata.put("labels", new LinkedHashMap<>(labels));
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", ObjectsReader.GROUP + "/" + version);
        o.put("kind", kind);
        o.put("metadata", metadata);
        o.put("spec", spec);
        return o;
    }

    private static Map<String, Object> bfd(BfdProfile b) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("receiveInterval", b.receiveIntervalMs());
        s.put("transmitInterval", b.transmitIntervalMs());
        s.put("detectMultiplier", b.detectMultiplier());
        s.put("echoInterval", b.echoIntervalMs());
        s.put("echoMode", b.echoMode());
        s.put("passiveMode", b.passiveMode());
        s.put("minimumTtl", b.minimumTtl());
        return s;
    }

    private static Map<String, Object> community(Community c) {
        List<Object> aliases = new ArrayList<>();
        c.aliases().forEach((name, value) -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", name);
            a.put("value", value.toString());
            aliases.add(a);
        });
        Map<String, Object> s = new LinkedHashMap<>();
        putList(s, "communities", aliases, Function.identity());
        return s;
    }

    private static Map<String, Object> l2(L2Advertisement a) {
        Map<String, Object> s = new LinkedHashMap<>();
        putList(s, "ipAddressPools", a.ipAddressPools(), Function.identity());
        putList(s, "ipAddressPoolSelectors", a.ipAddressPoolSelectors(), ConfigRenderer::selector);
        putList(s, "nodeSelectors", a.nodeSelectors(), ConfigRenderer::selector);
        putList(s, "interfaces", a.interfaces(), Function.identity());
        putList(s, "serviceSelectors", a.serviceSelectors(), ConfigRenderer::selector);
        putList(s, "preferredNodeSelectors", a.preferredNodeSelectors(), p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("weight", p.weight());
            m.put("preference", selector(p.preference()));
            return m;
        });
        return s;
    }

    private static Map<String, Object> bgp(BgpAdvertisement a) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("aggregationLength", a.aggregationLength());
        s.put("aggregationLengthV6", a.aggregationLengthV6());
        a.localPref().ifPresent(l -> s.put("localPref", l));
        putList(s, "communities", a.communities(), BgpCommunity::toString);
        putList(s, "ipAddressPools", a.ipAddressPools(), Function.identity());
        putList(s, "ipAddressPoolSelectors", a.ipAddressPoolSelectors(), ConfigRenderer::selector);
        putList(s, "nodeSelectors", a.nodeSelectors(), ConfigRenderer::selector);
        putList(s, "peers", a.peers(), Function.identity());
        putList(s, "serviceSelectors", a.serviceSelectors(), ConfigRenderer::selector);
        return s;
    }

    static Map<String, Object> selector(LabelSelector sel) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (!sel.matchLabels().isEmpty()) {
            s.put("matchLabels", new LinkedHashMap<>(sel.matchLabels()));
        }
        putList(s, "matchExpressions", sel.matchExpressions(), ConfigRenderer::requirement);
        return s;
    }

    private static Map<String, Object> requirement(LabelRequirement r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", r.key());
        m.put("operator", r.operator().wireName());
        if (!r.values().isEmpty()) {
            m.put("values", new ArrayList<>(r.values()));
        }
        return m;
    }

    /** Puts {@code items}, each rendered, under {@code key}, unless there are none. */
    static <T> void putList(Map<String, Object> into, String key, List<T> items, Function<T, ?> render) {
        if (!items.isEmpty()) {
            List<Object> out = new ArrayList<>();
            items.forEach(i -> out.add(render.apply(i)));
            into.put(key, out);
        }
    }
}
