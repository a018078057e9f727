package io.metallb.distribution.command;

import io.metallb.api.config.ConfigError;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A multi-document YAML file split the way the commands need it: legacy ConfigMaps (kind {@code ConfigMap} with a
 * {@code data.config} key, whose YAML text is parsed here) apart from every other object. Public for
 * {@code metallb standalone} and {@code metallb explain}, which read the same files.
 *
 * @param legacy the parsed {@code data.config} tree of each legacy ConfigMap, by ConfigMap name
 * @param objects every other document that is a mapping (metallb.io CRs, Services, anything)
 * @param errors documents that are not mappings, or a {@code data.config} that is not YAML or not a mapping
 */
public record ConfigFile(Map<String, Map<String, ?>> legacy, List<Map<String, ?>> objects, List<ConfigError> errors) {

    public ConfigFile {
        legacy = Map.copyOf(legacy);
        objects = List.copyOf(objects);
        errors = List.copyOf(errors);
    }

    /** Reads {@code file}; a file that cannot be read or is not YAML is an exception, to become exit code 2. */
    public static ConfigFile read(Path file) throws IOException {
        Map<String, Map<String, ?>> legacy = new java.util.TreeMap<>();
        List<Map<String, ?>> objects = new ArrayList<>();
        List<ConfigError> errors = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int index = 0;
            for (Object doc : yaml().loadAll(in)) {
                index++;
                if (doc == null) {
                    continue;
                }
                if (!(doc instanceof Map<?, ?> map)) {
                    errors.add(new ConfigError("Document", String.valueOf(index), "",
                            "not a mapping (expected: a Kubernetes object)"));
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, ?> object = (Map<String, ?>) map;
                String name = legacyConfigMapName(object);
                if (name == null) {
                    objects.add(object);
                    continue;
                }
                Object text = ((Map<?, ?>) object.get("data")).get("config");
                try {
                    Object tree = yaml().load(String.valueOf(text));
                    if (tree == null || tree instanceof Map) {
                        @SuppressWarnings("unchecked")
                        Map<String, ?> config = tree == null ? Map.of() : (Map<String, ?>) tree;
                        legacy.put(name, config);
                    } else {
                        errors.add(new ConfigError("ConfigMap", name, "data.config",
                                "not a mapping (expected: peers, address-pools, ...)"));
                    }
                } catch (YAMLException e) {
                    errors.add(new ConfigError("ConfigMap", name, "data.config",
                            "not YAML: " + e.getMessage().replace('\n', ' ')));
                }
            }
        } catch (YAMLException e) {
            throw new IOException(file + ": not YAML: " + e.getMessage(), e);
        }
        return new ConfigFile(legacy, objects, errors);
    }

    /**
     * Reads {@code file} for {@code command}, or says on {@code err} why it cannot (the caller then exits with
     * {@link Metallb#USAGE}).
     */
    static java.util.Optional<ConfigFile> readOrReport(Path file, java.io.PrintWriter err, String command) {
        try {
            return java.util.Optional.of(read(file));
        } catch (IOException e) {
            err.println("metallb " + command + ": cannot read " + e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /** The name of a legacy MetalLB ConfigMap, or null when {@code object} is not one. */
    private static String legacyConfigMapName(Map<String, ?> object) {
        if (!"ConfigMap".equals(object.get("kind")) || !(object.get("data") instanceof Map<?, ?> data)
                || !data.containsKey("config")) {
            return null;
        }
        return object.get("metadata") instanceof Map<?, ?> meta && meta.get("name") != null
                ? String.valueOf(meta.get("name")) : "";
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }
}
