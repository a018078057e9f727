package io.metallb.api.config;

import io.metallb.api.net.IpRange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Renders an {@link IpAddressPool} spec for {@link ConfigRenderer}. */
final class PoolRenderer {
    private PoolRenderer() {
    }

    static Map<String, Object> pool(IpAddressPool p) {
        Map<String, Object> s = new LinkedHashMap<>();
        ConfigRenderer.putList(s, "addresses", p.addresses(), IpRange::toString);
        s.put("autoAssign", p.autoAssign());
        s.put("avoidBuggyIPs", p.avoidBuggyIps());
        p.serviceAllocation().ifPresent(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            a.priority().ifPresent(v -> m.put("priority", v));
            ConfigRenderer.putList(m, "namespaces", a.namespaces(), Function.identity());
            ConfigRenderer.putList(m, "namespaceSelectors", a.namespaceSelectors(), ConfigRenderer::selector);
            ConfigRenderer.putList(m, "serviceSelectors", a.serviceSelectors(), ConfigRenderer::selector);
            s.put("serviceAllocation", m);
        });
        return s;
    }
}
