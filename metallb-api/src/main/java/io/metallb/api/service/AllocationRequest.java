package io.metallb.api.service;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    /** The service asks for something impossible; {@code reason} says what, for an event. */
    public record Invalid(String reason) implements Parsed {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Reads {@code service} (with its namespace's labels) into a request. */
    public static Parsed from(Service service, Map<String, String> namespaceLabels) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> ann = service.annotations();
        Optional<ServiceAnnotations.Found> ipsAnn = found(ann, ServiceAnnotations.LOAD_BALANCER_IPS, warnings);
        Optional<ServiceAnnotations.Found> poolAnn = found(ann, ServiceAnnotations.ADDRESS_POOL, warnings);
        Optional<ServiceAnnotations.Found> shareAnn = found(ann, ServiceAnnotations.ALLOW_SHARED_IP, warnings);

        List<IpAddress> requested = new ArrayList<>();
        if (ipsAnn.isPresent() && service.loadBalancerIp().filter(s -> !s.isEmpty()).isPresent()) {
            return new Invalid("service can not have both spec.loadBalancerIP and " + ipsAnn.get().key());
        }
        if (ipsAnn.isPresent()) {
            for (String part : ipsAnn.get().value().split(",")) {
                String t = part.strip();
                if (t.isEmpty()) {
                    continue;
                }
                try {
                    requested.add(IpAddress.parse(t));
                } catch (IllegalArgumentException e) {
                    return new Invalid(ipsAnn.get().key() + ": \"" + t + "\" is not an IP address");
                }
            }
        } else if (service.loadBalancerIp().filter(s -> !s.isEmpty()).isPresent()) {
            String t = service.loadBalancerIp().get().strip();
            try {
                requested.add(IpAddress.parse(t));
            } catch (IllegalArgumentException e) {
                return new Invalid("spec.loadBalancerIP: \"" + t + "\" is not an IP address");
            }
        }
        if (requested.size() > 2 || (requested.size() == 2
                && requested.get(0).family() == requested.get(1).family())) {
            return new Invalid("requested IPs " + requested
                    + ": at most one address per family may be requested");
        }

        List<IpFamily> families = new ArrayList<>(service.ipFamilies());
        if (families.isEmpty()) {
            service.clusterIps().stream().map(IpAddress::family).distinct().forEach(families::add);
        }
        if (families.isEmpty()) {
            requested.stream().map(IpAddress::family).distinct().forEach(families::add);
        }
        if (families.isEmpty()) {
            families.add(IpFamily.IPV4);
        }
        IpFamilyPolicy policy = service.ipFamilyPolicy();
        switch (policy) {
            case SINGLE_STACK -> families = List.of(families.get(0));
            case REQUIRE_DUAL_STACK -> {
                if (families.size() == 1) {
                    families.add(families.get(0) == IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4);
                }
            }
            case PREFER_DUAL_STACK -> { }
        }
        for (IpAddress ip : requested) {
            if (!families.contains(ip.family())) {
                return new Invalid("requested IP " + ip + " is " + ip.family().kubernetesName()
                        + " but the service is " + families.stream().map(IpFamily::kubernetesName)
                        .collect(Collectors.joining(",")));
            }
        }
        if (policy == IpFamilyPolicy.REQUIRE_DUAL_STACK && requested.size() == 1) {
            return new Invalid("service is RequireDualStack but requests only " + requested.get(0));
        }
        String backendKey = service.externalTrafficPolicy() == ExternalTrafficPolicy.LOCAL
                ? selectorString(service.selector()) : "";
        Optional<String> sharing = shareAnn.map(ServiceAnnotations.Found::value).filter(s -> !s.isEmpty());
        Optional<String> pool = poolAnn.map(ServiceAnnotations.Found::value).map(String::strip)
                .filter(s -> !s.isEmpty());
        return new Ok(new AllocationRequest(service.key(), families, policy, requested, pool, sharing, backendKey,
                service.ports(), service.labels(), namespaceLabels), warnings);
    }

    private static Optional<ServiceAnnotations.Found> found(Map<String, String> ann, String name, List<String> warn) {
        Optional<ServiceAnnotations.Found> f = ServiceAnnotations.lookup(ann, name);
        f.filter(ServiceAnnotations.Found::deprecated).ifPresent(d -> warn.add("annotation " + d.key()
                + " is deprecated, use " + ServiceAnnotations.PREFIX + name));
        return f;
    }

    /** Kubernetes' canonical {@code k=v,k2=v2} text of an equality selector, keys sorted. */
    static String selectorString(Map<String, String> selector) {
        return new java.util.TreeMap<>(selector).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
