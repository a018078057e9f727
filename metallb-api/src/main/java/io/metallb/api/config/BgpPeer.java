package io.metallb.api.config;

import io.metallb.api.net.IpAddress;
import io.metallb.api.selector.LabelSelector;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@code BGPPeer} ({@code metallb.io/v1beta2}), validated and with timers resolved: a router the speakers of
 * the selected nodes open a BGP session to.
 *
 * @param myAsn local AS number (1..4294967295)
 * @param peerAsn the peer's AS number, absent when {@code dynamicAsn} is set
 * @param dynamicAsn whether the peer is in our AS or not, when its number is not fixed
 * @param peerPort TCP port of the peer (default 179)
 * @param holdTime hold time after defaults (90 s; or 3 × keepaliveTime when only that is set); zero disables
 * @param keepaliveTime keepalive interval after defaults (hold time / 3)
 * @param connectTime interval between connection attempts, if set
 * @param routerId BGP identifier (an IPv4 address); absent means "an IPv4 address of the node"
 * @param password TCP-MD5 password given inline
 * @param passwordSecret a {@code kubernetes.io/basic-auth} Secret holding the TCP-MD5 password
 * @param bfdProfile name of a BFDProfile to run on this session
 */
public record BgpPeer(
        String name,
        long myAsn,
        OptionalLong peerAsn,
        Optional<DynamicAsn> dynamicAsn,
        IpAddress peerAddress,
        Optional<IpAddress> sourceAddress,
        int peerPort,
        Duration holdTime,
        Duration keepaliveTime,
        Optional<Duration> connectTime,
        Optional<IpAddress> routerId,
        List<LabelSelector> nodeSelectors,
        Optional<String> password,
        Optional<SecretRef> passwordSecret,
        Optional<String> bfdProfile,
        boolean enableGracefulRestart,
        boolean ebgpMultiHop,
        Optional<String> vrf) {

    /** MetalLB's default hold time. */
    public static final Duration DEFAULT_HOLD_TIME = Duration.ofSeconds(90);
    /** The BGP port. */
    public static final int DEFAULT_PORT = 179;

    /** {@code spec.dynamicASN}: the peer's ASN is learnt from its OPEN, constrained to ours or not ours. */
    public enum DynamicAsn {
        INTERNAL("internal"),
        EXTERNAL("external");

        private final String wireName;

        DynamicAsn(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** A reference to a Secret by name and namespace. */
    public record SecretRef(String name, String namespace) {
        public SecretRef {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    public BgpPeer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(peerAsn, "peerAsn");
        Objects.requireNonNull(dynamicAsn, "dynamicAsn");
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(holdTime, "holdTime");
        Objects.requireNonNull(keepaliveTime, "keepaliveTime");
        Objects.requireNonNull(connectTime, "connectTime");
        Objects.requireNonNull(routerId, "routerId");
        nodeSelectors = List.copyOf(nodeSelectors);
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(passwordSecret, "passwordSecret");
        Objects.requireNonNull(bfdProfile, "bfdProfile");
        Objects.requireNonNull(vrf, "vrf");
        if (peerAsn.isPresent() == dynamicAsn.isPresent()) {
            throw new IllegalArgumentException("exactly one of peerAsn and dynamicAsn must be set");
        }
    }

    /**
     * True when the session is iBGP: the peer's ASN equals ours, or dynamicASN is {@code internal}.
     */
    public boolean isInternal() {
        return dynamicAsn.map(d -> d == DynamicAsn.INTERNAL).orElseGet(() -> peerAsn.getAsLong() == myAsn);
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "BgpPeer[" + name + " " + peerAddress + ":" + peerPort + " myAsn=" + myAsn + " peerAsn="
                + (peerAsn.isPresent() ? String.valueOf(peerAsn.getAsLong()) : dynamicAsn.get().wireName())
                + (password.isPresent() ? " password=<hidden>" : "") + "]";
    }
}
