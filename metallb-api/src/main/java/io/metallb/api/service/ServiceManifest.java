package io.metallb.api.service;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a v1 {@code Service} manifest, as a YAML-shaped tree (maps, lists, scalars), into a {@link Service}. For
 * standalone mode and examples; the Kubernetes glue maps API objects directly.
 */
public final class ServiceManifest {

    private ServiceManifest() {
    }

    /** True when {@code tree} is a v1 Service. */
    public static boolean isService(Map<String, Object> tree) {
        return "v1".equals(tree.get("apiVersion")) && "Service".equals(tree.get("kind"));
    }

    /**
     * @throws IllegalArgumentException naming the service and the field when the manifest is malformed
     */
    public static Service read(Map<String, Object> tree) {
        Map<String, Object> meta = map(tree, "metadata", "?");
        String name = string(meta, "name", "?").orElseThrow(() -> bad("?", "metadata.name", "is missing"));
        String ns = string(meta, "namespace", name).orElse("default");
        String where = ns + "/" + name;
        Map<String, Object> spec = map(tree, "spec", where);
        Map<String, Object> status = map(map(tree, "status", where), "loadBalancer", where);
        try {
            ServiceType type = ServiceType.fromWireName(string(spec, "type", where).orElse("ClusterIP"));
            List<ServicePort> ports = new ArrayList<>();
            for (Object p : list(spec, "ports", where)) {
                Map<String, Object> port = asMap(p, where, "spec.ports[]");
                ports.add(new ServicePort(ServicePort.Protocol.valueOf(string(port, "protocol", where).orElse("TCP")),
                        number(port.get("port"), where, "spec.ports[].port")));
            }
            List<IpFamily> families = new ArrayList<>();
            for (Object f : list(spec, "ipFamilies", where)) {
                families.add(IpFamily.fromKubernetesName(String.valueOf(f)));
            }
            List<IpAddress> clusterIps = new ArrayList<>();
            for (Object c : list(spec, "clusterIPs", where)) {
                if (!"None".equals(c)) {
                    clusterIps.add(IpAddress.parse(String.valueOf(c)));
                }
            }
            List<IpAddress> ingress = new ArrayList<>();
            for (Object i : list(status, "ingress", where)) {
                string(asMap(i, where, "status.loadBalancer.ingress[]"), "ip", where).map(IpAddress::parse)
                        .ifPresent(ingress::add);
            }
            return new Service(new ServiceKey(ns, name), type, string(spec, "loadBalancerClass", where), ports,
                    string(spec, "ipFamilyPolicy", where).map(IpFamilyPolicy::fromWireName)
                            .orElse(IpFamilyPolicy.SINGLE_STACK),
                    families, clusterIps,
                    string(spec, "externalTrafficPolicy", where).map(ExternalTrafficPolicy::fromWireName)
                            .orElse(ExternalTrafficPolicy.CLUSTER),
                    strings(spec, "selector", where), strings(meta, "labels", where),
                    strings(meta, "annotations", where), string(spec, "loadBalancerIP", where), ingress);
        } catch (IllegalArgumentException e) {
            throw bad(where, "spec", e.getMessage());
        }
    }

    private static IllegalArgumentException bad(String where, String field, String what) {
        return new IllegalArgumentException("Service \"" + where + "\": " + field + ": " + what);
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key, String where) {
        Object v = parent.get(key);
        return v == null ? Map.of() : asMap(v, where, key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object v, String where, String field) {
        if (!(v instanceof Map)) {
            throw bad(where, field, "expected a map, got " + v);
        }
        return (Map<String, Object>) v;
    }

    private static List<?> list(Map<String, Object> parent, String key, String where) {
        Object v = parent.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw bad(where, key, "expected a list, got " + v);
        }
        return l;
    }

    private static Optional<String> string(Map<String, Object> parent, String key, String where) {
        Object v = parent.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            throw bad(where, key, "expected a string, got " + v);
        }
        return Optional.of(String.valueOf(v));
    }

    private static Map<String, String> strings(Map<String, Object> parent, String key, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        map(parent, key, where).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static int number(Object v, String where, String field) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        throw bad(where, field, "expected a number, got " + v);
    }
}
