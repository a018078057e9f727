package io.metallb.distribution.standalone;

import io.metallb.api.config.ConfigError;
import io.metallb.api.config.ConfigParser;
import io.metallb.api.config.ConfigResult;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServiceManifest;
import io.metallb.distribution.command.ConfigFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.TreeMap;

/**
 * One reading of a standalone file: a multi-document YAML of metallb.io objects, plain v1 {@code Service}s and,
 * optionally, v1 {@code Namespace}s (whose labels {@code serviceAllocation.namespaceSelectors} match; a namespace
 * not listed has no labels) and v1 {@code Secret}s (a BGPPeer's {@code passwordSecret}: type
 * {@code kubernetes.io/basic-auth}, key {@code password} in {@code data}, base64, or {@code stringData}; a Secret
 * without a namespace is in {@code metallb-system}, where a BGPPeer without one looks). Other objects are ignored, as {@code kubectl apply} of a foreign kind would not reach
 * MetalLB either.
 *
 * @param config the metallb.io objects, parsed and validated
 * @param services every Service by key, in key order
 * @param namespaceLabels labels of each listed Namespace
 * @param secrets each listed Secret by {@code namespace/name}
 * @param errors what is wrong outside the metallb.io objects: a document that is not a mapping, a malformed or
 *     duplicated Service; each names the object and field
 */
public record StandaloneInput(ConfigResult config, SortedMap<ServiceKey, Service> services,
        Map<String, Map<String, String>> namespaceLabels, Map<String, Secret> secrets, List<ConfigError> errors) {

    /** Where a Secret (like a metallb.io object) without a namespace is. */
    static final String DEFAULT_NAMESPACE = "metallb-system";

    public StandaloneInput {
        services = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(services));
        namespaceLabels = Map.copyOf(namespaceLabels);
        secrets = Map.copyOf(secrets);
        errors = errors.stream().sorted().distinct().toList();
    }

    /**
     * Reads {@code file}; a file that cannot be read or is not YAML at all is an {@link IOException}. A legacy
     * MetalLB ConfigMap is refused with an error that says to convert it ({@code metallb convert}).
     */
    public static StandaloneInput read(Path file) throws IOException {
        ConfigFile read = ConfigFile.read(file);
        List<Map<String, ?>> objects = new ArrayList<>();
        SortedMap<ServiceKey, Service> services = new TreeMap<>();
        Map<String, Map<String, String>> namespaces = new TreeMap<>();
        Map<String, Secret> secrets = new TreeMap<>();
        List<ConfigError> errors = new ArrayList<>(read.errors());
        read.legacy().keySet().forEach(name -> errors.add(new ConfigError("ConfigMap", name, "data.config",
                "a legacy MetalLB ConfigMap (expected: metallb.io objects; `metallb convert` converts it)")));
        for (Map<String, ?> doc : read.objects()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) doc;
            if (ServiceManifest.isService(object)) {
                readService(object, services, errors);
            } else if ("v1".equals(object.get("apiVersion")) && "Namespace".equals(object.get("kind"))) {
                readNamespace(object, namespaces, errors);
            } else if ("v1".equals(object.get("apiVersion")) && "Secret".equals(object.get("kind"))) {
                readSecret(object, secrets, errors);
            } else {
                objects.add(object);
            }
        }
        return new StandaloneInput(ConfigParser.parseObjects(objects), services, namespaces, secrets, errors);
    }

    /** True when the metallb.io objects validate and every Service was read. */
    public boolean valid() {
        return config instanceof ConfigResult.Valid && errors.isEmpty();
    }

    /** Every error of this reading, config and Services alike, one per line in text order. */
    public List<ConfigError> allErrors() {
        List<ConfigError> all = new ArrayList<>(errors);
        if (config instanceof ConfigResult.Invalid invalid) {
            all.addAll(invalid.errors());
        }
        return all.stream().sorted().distinct().toList();
    }

    /** Warnings of the config (unknown fields, advertisements naming no pool...). */
    public List<String> warnings() {
        return config instanceof ConfigResult.Valid v ? v.warnings() : List.of();
    }

    /** The Secret {@code namespace/name}, if the file lists it. */
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(namespace + "/" + name));
    }

    /** Labels of namespace {@code name}; empty when the file does not list it. */
    public Map<String, String> labelsOf(String namespace) {
        return namespaceLabels.getOrDefault(namespace, Map.of());
    }

    private static void readService(Map<String, Object> object, SortedMap<ServiceKey, Service> services,
            List<ConfigError> errors) {
        try {
            Service s = ServiceManifest.read(object);
            if (services.putIfAbsent(s.key(), s) != null) {
                errors.add(new ConfigError("Service", s.key().toString(), "metadata.name",
                        "defined twice (expected: one Service per namespace/name)"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(serviceError(e.getMessage()));
        }
    }

    /** ServiceManifest says {@code Service "ns/name": field: what}; split it back into object and field. */
    static ConfigError serviceError(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Service \"([^\"]*)\": ([^:]+): (.*)$",
                java.util.regex.Pattern.DOTALL).matcher(message);
        if (!m.matches()) {
            return new ConfigError("Service", "", "", message);
        }
        // A field error inside spec comes wrapped once more in "spec": the inner one is the precise field.
        ConfigError inner = m.group(3).startsWith("Service \"") ? serviceError(m.group(3)) : null;
        return inner != null && !inner.field().isEmpty() ? inner
                : new ConfigError("Service", m.group(1), m.group(2), m.group(3));
    }

    private static void readNamespace(Map<String, Object> object, Map<String, Map<String, String>> namespaces,
            List<ConfigError> errors) {
        Object name = name(object, "Namespace", errors);
        if (name == null) {
            return;
        }
        Object labels = ((Map<?, ?>) object.get("metadata")).get("labels");
        if (labels != null && !(labels instanceof Map)) {
            errors.add(new ConfigError("Namespace", name.toString(), "metadata.labels",
                    "expected a map, got " + labels));
            return;
        }
        Map<String, String> out = new TreeMap<>();
        if (labels != null) {
            ((Map<?, ?>) labels).forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        namespaces.put(name.toString(), out);
    }

    /** {@code metadata.name} of {@code object}, or null with the error added. */
    private static Object name(Map<String, Object> object, String kind, List<ConfigError> errors) {
        Object meta = object.get("metadata");
        Object name = meta instanceof Map<?, ?> m ? m.get("name") : null;
        if (name == null) {
            errors.add(new ConfigError(kind, "", "metadata.name", "is missing"));
        }
        return name;
    }

    private static void readSecret(Map<String, Object> object, Map<String, Secret> secrets, List<ConfigError> errors) {
        Object name = name(object, "Secret", errors);
        if (name == null) {
            return;
        }
        Object ns = ((Map<?, ?>) object.get("metadata")).get("namespace");
        String key = (ns == null ? DEFAULT_NAMESPACE : ns.toString()) + "/" + name;
        Map<String, String> data = new TreeMap<>();
        Map<String, String> stringData = new TreeMap<>();
        for (String field : List.of("data", "stringData")) {
            Object value = object.get(field);
            if (value == null) {
                continue;
            }
            if (!(value instanceof Map<?, ?> entries)) {
                errors.add(new ConfigError("Secret", key, field, "expected a map, got " + value));
                return;
            }
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                String k = String.valueOf(e.getKey());
                String v = String.valueOf(e.getValue());
                if (field.equals("data")) {
                    try {
                        java.util.Base64.getDecoder().decode(v);
                    } catch (IllegalArgumentException notBase64) {
                        errors.add(new ConfigError("Secret", key, "data." + k,
                                "not base64 (expected: base64, or the plain value under stringData)"));
                        return;
                    }
                    data.put(k, v);
                } else {
                    stringData.put(k, v);
                }
            }
        }
        Object type = object.get("type");
        Secret secret = new SecretBuilder().withNewMetadata().withName(name.toString())
                .withNamespace(key.substring(0, key.indexOf('/'))).endMetadata()
                .withType(type == null ? "Opaque" : type.toString()).withData(data).withStringData(stringData).build();
        if (secrets.putIfAbsent(key, secret) != null) {
            errors.add(new ConfigError("Secret", key, "metadata.name", "defined twice (expected: one Secret per "
                    + "namespace/name)"));
        }
    }
}
