package io.metallb.api.service;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * MetalLB's reading of the addresses a service asks for ({@code getDesiredLbIPs} in {@code controller/service.go})
 * and of the family of a list of addresses ({@code ipfamily.ForAddresses}). Messages are MetalLB's, word for
 * word, so that events read the same as MetalLB's.
 */
final class ServiceAddresses {

    /** The key MetalLB names in its messages, whichever prefix the service used. */
    static final String LOAD_BALANCER_IPS_KEY = ServiceAnnotations.PREFIX + ServiceAnnotations.LOAD_BALANCER_IPS;

    private ServiceAddresses() {
    }

    /** Requested addresses, or why they cannot be read. */
    record Requested(List<IpAddress> ips, Optional<String> error) {
    }

    /**
     * The addresses asked for by {@code metallb.io/loadBalancerIPs} (either prefix) or {@code spec.loadBalancerIP}.
     * An empty value counts as absent. The annotation is split on commas and each part trimmed; an empty part is
     * an error, as in MetalLB. {@code spec.loadBalancerIP} is not trimmed. An IPv4-mapped address
     * ({@code ::ffff:a.b.c.d}) is taken as the IPv4 address, as Go's {@code net.ParseIP} takes it.
     */
    static Requested requested(Map<String, String> annotations, Optional<String> loadBalancerIp) {
        String fromAnnotation = ServiceAnnotations.lookup(annotations, ServiceAnnotations.LOAD_BALANCER_IPS)
                .map(ServiceAnnotations.Found::value).orElse("");
        String fromSpec = loadBalancerIp.orElse("");
        if (fromAnnotation.isEmpty() && fromSpec.isEmpty()) {
            return new Requested(List.of(), Optional.empty());
        }
        if (!fromAnnotation.isEmpty() && !fromSpec.isEmpty()) {
            return error("service can not have both " + LOAD_BALANCER_IPS_KEY + " and svc.Spec.LoadBalancerIP");
        }
        if (fromSpec.isEmpty()) {
            List<IpAddress> ips = new ArrayList<>();
            for (String part : fromAnnotation.split(",", -1)) {
                Optional<IpAddress> ip = parse(part.strip());
                if (ip.isEmpty()) {
                    return error("invalid " + LOAD_BALANCER_IPS_KEY + ": " + quote(fromAnnotation));
                }
                ips.add(ip.get());
            }
            return familyError(ips).map(ServiceAddresses::error).orElseGet(() -> new Requested(ips, Optional.empty()));
        }
        return parse(fromSpec).map(ip -> new Requested(List.of(ip), Optional.empty()))
                .orElseGet(() -> error("invalid spec.loadBalancerIP " + quote(fromSpec)));
    }

    /** {@code ipfamily.ForAddresses}: one address, or two of different families; otherwise MetalLB's error. */
    static Optional<String> familyError(List<IpAddress> ips) {
        if (ips.size() == 2 && ips.get(0).family() == ips.get(1).family()) {
            return Optional.of("IPFamilyForAddresses: same address family " + quoteAll(ips));
        }
        if (ips.size() != 1 && ips.size() != 2) {
            return Optional.of("IPFamilyForAddresses: invalid ips length " + ips.size() + " " + quoteAll(ips));
        }
        return Optional.empty();
    }

    /** Go's {@code %q} of a slice: {@code ["a" "b"]}. */
    static String quoteAll(List<?> items) {
        return items.stream().map(i -> quote(i.toString())).collect(Collectors.joining(" ", "[", "]"));
    }

    /** Go's {@code %v} of a slice: {@code [a b]}. */
    static String list(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(" ", "[", "]"));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Optional<IpAddress> parse(String text) {
        try {
            IpAddress ip = IpAddress.parse(text);
            boolean mapped = ip.family() == IpFamily.IPV6 && ip.high() == 0 && (ip.low() >>> 32) == 0xFFFFL;
            return Optional.of(mapped ? IpAddress.ofV4((int) ip.low()) : ip);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Requested error(String message) {
        return new Requested(List.of(), Optional.of(message));
    }
}
