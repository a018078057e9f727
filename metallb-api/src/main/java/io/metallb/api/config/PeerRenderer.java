package io.metallb.api.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Renders a {@link BgpPeer} as a {@code metallb.io/v1beta2} spec for {@link ConfigRenderer}. */
final class PeerRenderer {
    private PeerRenderer() {
    }

    static Map<String, Object> peer(BgpPeer p) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("myASN", p.myAsn());
        p.peerAsn().ifPresent(a -> s.put("peerASN", a));
        p.dynamicAsn().ifPresent(d -> s.put("dynamicASN", d.wireName()));
        s.put("peerAddress", p.peerAddress().toString());
        p.sourceAddress().ifPresent(a -> s.put("sourceAddress", a.toString()));
        s.put("peerPort", p.peerPort());
        s.put("holdTime", GoDuration.format(p.holdTime()));
        s.put("keepaliveTime", GoDuration.format(p.keepaliveTime()));
        p.connectTime().ifPresent(c -> s.put("connectTime", GoDuration.format(c)));
        p.routerId().ifPresent(r -> s.put("routerID", r.toString()));
        ConfigRenderer.putList(s, "nodeSelectors", p.nodeSelectors(), ConfigRenderer::selector);
        p.password().ifPresent(pw -> s.put("password", pw));
        p.passwordSecret().ifPresent(ref -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", ref.name());
            m.put("namespace", ref.namespace());
            s.put("passwordSecret", m);
        });
        p.bfdProfile().ifPresent(b -> s.put("bfdProfile", b));
        s.put("enableGracefulRestart", p.enableGracefulRestart());
        s.put("ebgpMultiHop", p.ebgpMultiHop());
        p.vrf().ifPresent(v -> s.put("vrf", v));
        return s;
    }
}
