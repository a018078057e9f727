package io.metallb.api.config;

import io.metallb.api.config.BgpPeer.DynamicAsn;
import io.metallb.api.config.BgpPeer.SecretRef;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.selector.LabelSelector;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a {@code BGPPeer} spec or a legacy {@code peers} item ({@code peerFromCR}, v0.12 {@code parsePeer}).
 * Everything the {@link BgpPeer} constructor would refuse is checked here first, so it never throws.
 */
final class PeerReader {
    private static final long MAX_ASN = 0xFFFF_FFFFL;
    private static final Duration MAX_CONNECT_TIME = Duration.ofSeconds(65_535);

    private PeerReader() {
    }

    /**
     * The peer, or empty when anything is wrong. {@code v1beta2} enables the fields v1beta1 and the legacy format
     * lack (dynamicASN, passwordSecret, connectTime, enableGracefulRestart); without it they stay unread, so
     * they are reported as unknown. {@code namespace} is where a passwordSecret without one is looked up.
     */
    static Optional<BgpPeer> read(String name, String namespace, Fields spec, Node origin, boolean v1beta2) {
        int before = origin.errorCount();
        Node myAsnNode = spec.get("myASN");
        OptionalLong myAsn = myAsnNode.require("an ASN") ? myAsnNode.integer(1, MAX_ASN) : OptionalLong.empty();
        Asns asns = asns(spec, origin, v1beta2);
        OptionalLong peerAsn = asns.peer();
        boolean multiHop = spec.get("ebgpMultiHop").bool().orElse(false);
        if (multiHop && myAsn.isPresent() && peerAsn.isPresent() && myAsn.getAsLong() == peerAsn.getAsLong()) {
            spec.get("ebgpMultiHop").error("true on an iBGP session, peerASN = myASN = " + myAsn.getAsLong()
                    + " (expected: false)");
        }
        Node addressNode = spec.get("peerAddress");
        Optional<IpAddress> peerAddress = addressNode.require("an IP address") ? address(addressNode)
                : Optional.empty();
        Optional<IpAddress> sourceAddress = address(spec.get("sourceAddress"));
        long defaultPort = origin.dialect() == Dialect.LEGACY ? 0 : 1; // v0.12 read port 0 as 179
        int port = (int) spec.get("peerPort").integer(defaultPort, 65_535).orElse(BgpPeer.DEFAULT_PORT);
        Optional<BgpTimers> timers = BgpTimers.read(spec);
        Optional<Duration> connectTime = v1beta2 ? connectTime(spec.get("connectTime")) : Optional.empty();
        Optional<IpAddress> routerId = routerId(spec.get("routerID"));
        List<LabelSelector> nodeSelectors = SelectorReader.list(spec.get("nodeSelectors"));
        Optional<String> password = spec.get("password").text();
        Optional<SecretRef> secret = v1beta2 ? secret(spec.get("passwordSecret"), namespace) : Optional.empty();
        if (password.isPresent() && v1beta2 && spec.get("passwordSecret").present()) {
            spec.get("passwordSecret").error("set together with password (expected: one or the other)");
        }
        Optional<String> bfdProfile = spec.get("bfdProfile").text();
        boolean gracefulRestart = v1beta2 && spec.get("enableGracefulRestart").bool().orElse(false);
        Optional<String> vrf = origin.dialect() == Dialect.CRD ? spec.get("vrf").text() : Optional.empty();
        spec.finish();
        if (origin.errorCount() != before) {
            return Optional.empty();
        }
        return Optional.of(new BgpPeer(name, myAsn.getAsLong(), peerAsn, asns.dynamic(), peerAddress.get(),
                sourceAddress, port == 0 ? BgpPeer.DEFAULT_PORT : port, timers.get().hold(),
                timers.get().keepalive(), connectTime, routerId, nodeSelectors, password, secret, bfdProfile,
                gracefulRestart, multiHop, vrf.filter(v -> !v.isEmpty())));
    }

    /** The peer's AS: a number, or (v1beta2) dynamicASN; exactly one, as the BgpPeer constructor requires. */
    private record Asns(OptionalLong peer, Optional<DynamicAsn> dynamic) {
    }

    private static Asns asns(Fields spec, Node origin, boolean v1beta2) {
        Node peerAsnNode = spec.get("peerASN");
        int before = origin.errorCount();
        OptionalLong peerAsn = peerAsnNode.integer(0, MAX_ASN);
        if (peerAsn.isPresent() && peerAsn.getAsLong() == 0) {
            peerAsn = OptionalLong.empty(); // MetalLB reads 0 as "not set"
        }
        Node dynamicNode = v1beta2 ? spec.get("dynamicASN") : null;
        Optional<DynamicAsn> dynamicAsn = v1beta2 ? dynamicAsn(dynamicNode) : Optional.empty();
        if (origin.errorCount() == before) {
            if (peerAsn.isPresent() && dynamicAsn.isPresent()) {
                dynamicNode.error("set together with peerASN " + peerAsn.getAsLong()
                        + " (expected: one or the other)");
            } else if (peerAsn.isEmpty() && dynamicAsn.isEmpty()) {
                peerAsnNode.error(Node.describe(peerAsnNode.raw()) + " (expected: "
                        + (v1beta2 ? "peerASN 1.." + MAX_ASN + " or dynamicASN)" : "an ASN in 1.." + MAX_ASN + ")"));
            }
        }
        return new Asns(peerAsn, dynamicAsn);
    }

    private static Optional<DynamicAsn> dynamicAsn(Node node) {
        return node.text().flatMap(t -> {
            for (DynamicAsn d : DynamicAsn.values()) {
                if (d.wireName().equals(t)) {
                    return Optional.of(d);
                }
            }
            node.error("\"" + t + "\" (expected: internal or external)");
            return Optional.empty();
        });
    }

    static Optional<IpAddress> address(Node node) {
        return node.parsed(IpAddress::parse);
    }

    private static Optional<IpAddress> routerId(Node node) {
        Optional<IpAddress> id = address(node);
        if (id.isPresent() && id.get().family() != IpFamily.IPV4) {
            node.error(id.get() + " is not an IPv4 address (expected: a BGP identifier, RFC 6286 §2.1)");
            return Optional.empty();
        }
        return id;
    }

    private static Optional<Duration> connectTime(Node node) {
        Optional<Duration> d = BgpTimers.duration(node);
        if (d.isPresent() && (d.get().getNano() != 0 || d.get().isZero() || d.get().compareTo(MAX_CONNECT_TIME) > 0)) {
            node.error(GoDuration.format(d.get()) + " (expected: a whole number of seconds in 1s..65535s)");
            return Optional.empty();
        }
        return d;
    }

    private static Optional<SecretRef> secret(Node node, String defaultNamespace) {
        if (!node.present()) {
            return Optional.empty();
        }
        Fields f = node.fields();
        Node nameNode = f.get("name");
        Optional<String> secretName = nameNode.require("a Secret name") ? nameNode.text() : Optional.empty();
        String ns = f.get("namespace").text().orElse(defaultNamespace);
        f.finish();
        return secretName.map(n -> new SecretRef(n, ns));
    }
}
