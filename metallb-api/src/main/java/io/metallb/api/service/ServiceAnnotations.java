package io.metallb.api.service;

import java.util.Map;
import java.util.Optional;

/**
 * The Service annotations MetalLB reads and writes. Each exists under the current {@code metallb.io/} prefix and
 * the deprecated {@code metallb.universe.tf/} prefix; when both are present the {@code metallb.io/} one wins.
 */
public final class ServiceAnnotations {

    public static final String PREFIX = "metallb.io/";
    public static final String DEPRECATED_PREFIX = "metallb.universe.tf/";

    /** Pool the service asks for. */
    public static final String ADDRESS_POOL = "address-pool";
    /** Comma-separated addresses the service asks for. */
    public static final String LOAD_BALANCER_IPS = "loadBalancerIPs";
    /** Sharing key: services with equal keys may share an address. */
    public static final String ALLOW_SHARED_IP = "allow-shared-ip";
    /** Written by the controller: the pool the address came from. */
    public static final String IP_ALLOCATED_FROM_POOL = "ip-allocated-from-pool";

    private ServiceAnnotations() {
    }

    /** An annotation value found, and whether it came from the deprecated prefix. */
    public record Found(String key, String value, boolean deprecated) {
    }

    /** Looks {@code name} up under both prefixes, {@code metallb.io/} first. */
    public static Optional<Found> lookup(Map<String, String> annotations, String name) {
        String current = annotations.get(PREFIX + name);
        if (current != null) {
            return Optional.of(new Found(PREFIX + name, current, false));
        }
        String old = annotations.get(DEPRECATED_PREFIX + name);
        return old == null ? Optional.empty() : Optional.of(new Found(DEPRECATED_PREFIX + name, old, true));
    }
}
