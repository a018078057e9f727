package io.metallb.api.service;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parts of a Kubernetes Service that allocation and announcement look at.
 *
 * @param loadBalancerClass {@code spec.loadBalancerClass}; services of another class are not ours
 * @param ipFamilyPolicy {@code spec.ipFamilyPolicy}, SingleStack when absent
 * @param ipFamilies {@code spec.ipFamilies}, primary first (may be empty on old objects)
 * @param clusterIps {@code spec.clusterIPs} (may be empty, or hold only {@code None} for headless services)
 * @param loadBalancerIp the deprecated {@code spec.loadBalancerIP}, if set
 * @param selector {@code spec.selector}: part of the backend key that sharing compares for Local policy
 * @param ingress addresses in {@code status.loadBalancer.ingress}: what the cluster says is assigned
 */
public record Service(
        ServiceKey key,
        ServiceType type,
        Optional<String> loadBalancerClass,
        List<ServicePort> ports,
        IpFamilyPolicy ipFamilyPolicy,
        List<IpFamily> ipFamilies,
        List<IpAddress> clusterIps,
        ExternalTrafficPolicy externalTrafficPolicy,
        Map<String, String> selector,
        Map<String, String> labels,
        Map<String, String> annotations,
        Optional<String> loadBalancerIp,
        List<IpAddress> ingress) {

    public Service {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(loadBalancerClass, "loadBalancerClass");
        ports = List.copyOf(ports);
        Objects.requireNonNull(ipFamilyPolicy, "ipFamilyPolicy");
        ipFamilies = List.copyOf(ipFamilies);
        clusterIps = List.copyOf(clusterIps);
        Objects.requireNonNull(externalTrafficPolicy, "externalTrafficPolicy");
        selector = sorted(selector);
        labels = sorted(labels);
        annotations = sorted(annotations);
        Objects.requireNonNull(loadBalancerIp, "loadBalancerIp");
        ingress = List.copyOf(ingress);
    }

    /** A single-stack IPv4 LoadBalancer service with the given TCP ports and nothing else set. */
    public static Service loadBalancer(ServiceKey key, ServicePort... ports) {
        return new Service(key, ServiceType.LOAD_BALANCER, Optional.empty(), List.of(ports),
                IpFamilyPolicy.SINGLE_STACK, List.of(IpFamily.IPV4), List.of(), ExternalTrafficPolicy.CLUSTER,
                Map.of(), Map.of(), Map.of(), Optional.empty(), List.of());
    }

    public Service withAnnotations(Map<String, String> newAnnotations) {
        return new Service(key, type, loadBalancerClass, ports, ipFamilyPolicy, ipFamilies, clusterIps,
                externalTrafficPolicy, selector, labels, newAnnotations, loadBalancerIp, ingress);
    }

    public Service withLabels(Map<String, String> newLabels) {
        return new Service(key, type, loadBalancerClass, ports, ipFamilyPolicy, ipFamilies, clusterIps,
                externalTrafficPolicy, selector, newLabels, annotations, loadBalancerIp, ingress);
    }

    public Service withFamilies(IpFamilyPolicy policy, List<IpFamily> families) {
        return new Service(key, type, loadBalancerClass, ports, policy, families, clusterIps,
                externalTrafficPolicy, selector, labels, annotations, loadBalancerIp, ingress);
    }

    public Service withClusterIps(List<IpAddress> newClusterIps) {
        return new Service(key, type, loadBalancerClass, ports, ipFamilyPolicy, ipFamilies, newClusterIps,
                externalTrafficPolicy, selector, labels, annotations, loadBalancerIp, ingress);
    }

    public Service withTrafficPolicy(ExternalTrafficPolicy policy, Map<String, String> newSelector) {
        return new Service(key, type, loadBalancerClass, ports, ipFamilyPolicy, ipFamilies, clusterIps, policy,
                newSelector, labels, annotations, loadBalancerIp, ingress);
    }

    public Service withLoadBalancerIp(String ip) {
        return new Service(key, type, loadBalancerClass, ports, ipFamilyPolicy, ipFamilies, clusterIps,
                externalTrafficPolicy, selector, labels, annotations, Optional.ofNullable(ip), ingress);
    }

    public Service withType(ServiceType newType) {
        return new Service(key, newType, loadBalancerClass, ports, ipFamilyPolicy, ipFamilies, clusterIps,
                externalTrafficPolicy, selector, labels, annotations, loadBalancerIp, ingress);
    }

    public Service withLoadBalancerClass(String cls) {
        return new Service(key, type, Optional.ofNullable(cls), ports, ipFamilyPolicy, ipFamilies, clusterIps,
                externalTrafficPolicy, selector, labels, annotations, loadBalancerIp, ingress);
    }

    public Service withIngress(List<IpAddress> newIngress) {
        return new Service(key, type, loadBalancerClass, ports, ipFamilyPolicy, ipFamilies, clusterIps,
                externalTrafficPolicy, selector, labels, annotations, loadBalancerIp, newIngress);
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
