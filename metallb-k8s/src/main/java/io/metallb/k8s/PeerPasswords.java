package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.Secret;
import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Resolves each BGPPeer's {@code passwordSecret} into its {@code password}, as MetalLB's speaker does: the Secret
 * must be of type {@code kubernetes.io/basic-auth}, in MetalLB's namespace, with the key {@code password}. A peer
 * whose Secret cannot be used is left out of the config the announcer gets (a session without its TCP-MD5 key
 * would only have its SYNs dropped by the router) and its error is returned; the other peers are unaffected.
 *
 * @param config the config with every usable peer's password resolved
 * @param errors per peer left out, why
 */
public record PeerPasswords(Config config, Map<String, String> errors) {

    static final String BASIC_AUTH = "kubernetes.io/basic-auth";
    static final String KEY = "password";

    public PeerPasswords {
        errors = java.util.Collections.unmodifiableMap(new TreeMap<>(errors));
    }

    /**
     * @param namespace MetalLB's namespace, the only one whose Secrets the speaker watches
     * @param secrets the cached Secret of that namespace by name
     */
    static PeerPasswords resolve(Config config, String namespace, Function<String, Optional<Secret>> secrets) {
        return resolve(config, Optional.of(namespace), (ns, name) -> secrets.apply(name));
    }

    /**
     * As the speaker resolves them, but from Secrets in any namespace ({@code metallb standalone}, whose file holds
     * its Secrets).
     *
     * @param secrets the Secret of a namespace and name
     */
    public static PeerPasswords resolveAnyNamespace(Config config,
            java.util.function.BiFunction<String, String, Optional<Secret>> secrets) {
        return resolve(config, Optional.empty(), secrets);
    }

    private static PeerPasswords resolve(Config config, Optional<String> onlyNamespace,
            java.util.function.BiFunction<String, String, Optional<Secret>> secrets) {
        if (config.bgpPeers().values().stream().allMatch(p -> p.passwordSecret().isEmpty())) {
            return new PeerPasswords(config, Map.of());
        }
        Map<String, BgpPeer> peers = new TreeMap<>();
        Map<String, String> errors = new TreeMap<>();
        for (BgpPeer p : config.bgpPeers().values()) {
            if (p.passwordSecret().isEmpty()) {
                peers.put(p.name(), p);
                continue;
            }
            BgpPeer.SecretRef ref = p.passwordSecret().get();
            String where = "passwordSecret \"" + ref.namespace() + "/" + ref.name() + "\"";
            if (onlyNamespace.isPresent() && !ref.namespace().equals(onlyNamespace.get())) {
                errors.put(p.name(), where + ": not in MetalLB's namespace \"" + onlyNamespace.get() + "\"");
                continue;
            }
            Optional<Secret> secret = secrets.apply(ref.namespace(), ref.name());
            if (secret.isEmpty()) {
                errors.put(p.name(), where + ": not found");
                continue;
            }
            if (!BASIC_AUTH.equals(secret.get().getType())) {
                errors.put(p.name(), where + ": type \"" + secret.get().getType() + "\" (expected: \"" + BASIC_AUTH
                        + "\")");
                continue;
            }
            Optional<String> password = password(secret.get());
            if (password.isEmpty()) {
                errors.put(p.name(), where + ": no key \"" + KEY + "\"");
                continue;
            }
            peers.put(p.name(), withPassword(p, password.get()));
        }
        return new PeerPasswords(new Config(config.pools(), config.l2Advertisements(), config.bgpAdvertisements(),
                new TreeMap<>(peers), config.communities(), config.bfdProfiles()), errors);
    }

    private static Optional<String> password(Secret s) {
        if (s.getData() != null && s.getData().get(KEY) != null) {
            return Optional.of(new String(Base64.getDecoder().decode(s.getData().get(KEY)), StandardCharsets.UTF_8));
        }
        // stringData is write-only on a real API server, but a client-side object may still carry it.
        return Optional.ofNullable(s.getStringData() == null ? null : s.getStringData().get(KEY));
    }

    private static BgpPeer withPassword(BgpPeer p, String password) {
        return new BgpPeer(p.name(), p.myAsn(), p.peerAsn(), p.dynamicAsn(), p.peerAddress(), p.sourceAddress(),
                p.peerPort(), p.holdTime(), p.keepaliveTime(), p.connectTime(), p.routerId(), p.nodeSelectors(),
                Optional.of(password), p.passwordSecret(), p.bfdProfile(), p.enableGracefulRestart(),
                p.ebgpMultiHop(), p.vrf());
    }
}
