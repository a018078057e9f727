package io.metallb.api.service;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a Service asks of the allocator, with its annotations already read. Build one with {@link #from}.
 *
 * @param families the families wanted, primary first (one, or both for a dual-stack service)
 * @param policy how strictly both families are wanted
 * @param requestedIps addresses asked for by {@code metallb.io/loadBalancerIPs} or {@code spec.loadBalancerIP}
 * @param requestedPool pool asked for by {@code metallb.io/address-pool}
 * @param sharingKey {@code metallb.io/allow-shared-ip}: services with equal keys may share an address
 * @param backendKey what must also be equal to share an address: "" for Cluster traffic policy, the service's
 *     selector for Local (two Local services sharing an IP must send traffic to the same pods)
 * @param namespaceLabels labels of the service's namespace, for {@code serviceAllocation.namespaceSelectors}
 */
public record AllocationRequest(
        ServiceKey key,
        List<IpFamily> families,
        IpFamilyPolicy policy,
        List<IpAddress> requestedIps,
        Optional<String> requestedPool,
        Optional<String> sharingKey,
        String backendKey,
        List<ServicePort> ports,
        Map<String, String> serviceLabels,
        Map<String, String> namespaceLabels) {

    /** MetalLB warns about every annotation whose key starts with this (it checks without the slash). */
    private static final String DEPRECATED_DOMAIN = "metallb.universe.tf";

    public AllocationRequest {
        Objects.requireNonNull(key, "key");
        families = List.copyOf(families);
        if (families.isEmpty() || families.size() > 2 || families.stream().distinct().count() != families.size()) {
            throw new IllegalArgumentException("families: " + families + " (expected: one or two distinct)");
        }
        Objects.requireNonNull(policy, "policy");
        requestedIps = List.copyOf(requestedIps);
        Objects.requireNonNull(requestedPool, "requestedPool");
        Objects.requireNonNull(sharingKey, "sharingKey");
        Objects.requireNonNull(backendKey, "backendKey");
        ports = List.copyOf(ports);
        serviceLabels = Map.copyOf(serviceLabels);
        namespaceLabels = Map.copyOf(namespaceLabels);
    }

    /** A plain request: one family, nothing asked for, no sharing. */
    public static AllocationRequest simple(ServiceKey key, IpFamily family, ServicePort... ports) {
        return new AllocationRequest(key, List.of(family), IpFamilyPolicy.SINGLE_STACK, List.of(), Optional.empty(),
                Optional.empty(), "", List.of(ports), Map.of(), Map.of());
    }

    /** Reading a service into a request: a request (with warnings to report) or the reason it is unusable. */
    public sealed interface Parsed permits Ok, Invalid {
    }

    /** A usable request; {@code warnings} name deprecated annotations in use. */
    public record Ok(AllocationRequest request, List<String> warnings) implements Parsed {
        public Ok {
            Objects.requireNonNull(request, "request");
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The service asks for something impossible; {@code reason} says what, for an event, and {@code cause} which
     * rule it broke (MetalLB reports them with different event reasons).
     */
    public record Invalid(String reason, Cause cause) implements Parsed {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** Which rule an {@link Invalid} service breaks. */
    public enum Cause {
        /**
         * The requested addresses cannot be read: both the annotation and {@code spec.loadBalancerIP}, an
         * address that does not parse, or a pair of one family (MetalLB's {@code getDesiredLbIPs}).
         */
        UNREADABLE_REQUEST,
        /** {@code spec.clusterIPs} that are not one address or one of each family. */
        BAD_CLUSTER_IPS,
        /** RequireDualStack with a single cluster IP. */
        NOT_ENOUGH_CLUSTER_IPS,
        /** Requested addresses whose families are not exactly the service's. */
        FAMILY_MISMATCH
    }

    /**
     * Reads {@code service} (with its namespace's labels) into a request, as MetalLB's controller does
     * ({@code allocateIPs}, {@code getDesiredLbIPs}, {@code convergeBalancer}).
     *
     * <ul>
     *   <li>Each annotation is read under {@code metallb.io/} when that key is present, even with an empty value,
     *       else under {@code metallb.universe.tf/}. Every {@code metallb.universe.tf} annotation gives a warning.
     *   <li>The service's families come from {@code spec.clusterIPs} (one address, or two of different families),
     *       primary IPv4 unless {@code spec.ipFamilies} starts with IPv6. RequireDualStack with one cluster IP is
     *       invalid. Without cluster IPs (a manifest outside Kubernetes) they come from {@code spec.ipFamilies}
     *       as the API server would default them, else from the requested addresses, else IPv4.
     *   <li>Requested addresses must be exactly the service's families: a dual-stack service (PreferDualStack
     *       included) must ask for one address of each family or none.
     * </ul>
     */
    public static Parsed from(Service service, Map<String, String> namespaceLabels) {
        Map<String, String> ann = service.annotations();
        List<String> warnings = ann.keySet().stream().filter(k -> k.startsWith(DEPRECATED_DOMAIN))
                .map(k -> "Service uses deprecated annotation " + k).toList();
        ServiceAddresses.Requested requested = ServiceAddresses.requested(ann, service.loadBalancerIp());
        if (requested.error().isPresent()) {
            return new Invalid(requested.error().get(), Cause.UNREADABLE_REQUEST);
        }
        List<IpAddress> clusterIps = service.clusterIps();
        IpFamilyPolicy policy = service.ipFamilyPolicy();
        Set<IpFamily> familySet;
        if (!clusterIps.isEmpty()) {
            Optional<String> bad = ServiceAddresses.familyError(clusterIps);
            if (bad.isPresent()) {
                return new Invalid(bad.get(), Cause.BAD_CLUSTER_IPS);
            }
            if (policy == IpFamilyPolicy.REQUIRE_DUAL_STACK && clusterIps.size() < 2) {
                return new Invalid("Service requires dual stack but not enough clusterips "
                        + ServiceAddresses.list(clusterIps), Cause.NOT_ENOUGH_CLUSTER_IPS);
            }
            familySet = familiesOf(clusterIps);
        } else {
            familySet = defaultedFamilies(service, requested.ips());
        }
        if (!requested.ips().isEmpty() && !familiesOf(requested.ips()).equals(familySet)) {
            return new Invalid("requested loadBalancer IP(s) " + ServiceAddresses.quoteAll(requested.ips())
                    + " does not match the ipFamily of the service", Cause.FAMILY_MISMATCH);
        }
        IpFamily primary = familySet.contains(IpFamily.IPV6) && (!familySet.contains(IpFamily.IPV4)
                || service.ipFamilies().stream().findFirst().orElse(IpFamily.IPV4) == IpFamily.IPV6)
                ? IpFamily.IPV6 : IpFamily.IPV4;
        List<IpFamily> families = new ArrayList<>(List.of(primary));
        familySet.stream().filter(f -> f != primary).forEach(families::add);

        String backendKey = service.externalTrafficPolicy() == ExternalTrafficPolicy.LOCAL
                ? selectorString(service.selector()) : "";
        Optional<String> sharing = annotation(ann, ServiceAnnotations.ALLOW_SHARED_IP);
        Optional<String> pool = annotation(ann, ServiceAnnotations.ADDRESS_POOL);
        return new Ok(new AllocationRequest(service.key(), families, policy, requested.ips(), pool, sharing,
                backendKey, service.ports(), service.labels(), namespaceLabels), warnings);
    }

    /** Families when there are no cluster IPs: {@code spec.ipFamilies} as the API server defaults them. */
    private static Set<IpFamily> defaultedFamilies(Service service, List<IpAddress> requested) {
        List<IpFamily> listed = !service.ipFamilies().isEmpty() ? service.ipFamilies()
                : requested.stream().map(IpAddress::family).toList();
        Set<IpFamily> out = EnumSet.noneOf(IpFamily.class);
        switch (service.ipFamilyPolicy()) {
            case SINGLE_STACK -> out.add(listed.isEmpty() ? IpFamily.IPV4 : listed.get(0));
            case PREFER_DUAL_STACK -> out.addAll(listed.isEmpty() ? List.of(IpFamily.IPV4) : listed);
            case REQUIRE_DUAL_STACK -> out.addAll(EnumSet.allOf(IpFamily.class));
        }
        return out;
    }

    private static Set<IpFamily> familiesOf(List<IpAddress> ips) {
        Set<IpFamily> out = EnumSet.noneOf(IpFamily.class);
        ips.forEach(ip -> out.add(ip.family()));
        return out;
    }

    /** An annotation's value under either prefix; empty (absent, or set to "") means not asked for. */
    private static Optional<String> annotation(Map<String, String> ann, String name) {
        return ServiceAnnotations.lookup(ann, name).map(ServiceAnnotations.Found::value).filter(v -> !v.isEmpty());
    }

    /** Kubernetes' canonical {@code k=v,k2=v2} text of an equality selector, keys sorted. */
    static String selectorString(Map<String, String> selector) {
        return new java.util.TreeMap<>(selector).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
