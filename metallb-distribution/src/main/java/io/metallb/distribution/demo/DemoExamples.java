package io.metallb.distribution.demo;

import io.metallb.api.config.Config;
import io.metallb.api.config.ConfigParser;
import io.metallb.api.config.ConfigResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What the demo applies: {@code config.yaml} (metallb.io objects) and {@code services.yaml} (v1 Services) of
 * examples/demo/, from a directory or from the copy the jar carries, validated before anything starts. The
 * BGPPeers are then pointed at the demo's BGP router ({@link #pointedAt}).
 *
 * @param source where the files came from, for the output
 * @param config the metallb.io objects
 * @param services the Service objects
 * @param parsed the validated config
 */
record DemoExamples(String source, List<Map<String, Object>> config, List<Map<String, Object>> services,
        Config parsed) {

    static final String CONFIG = "config.yaml";
    static final String SERVICES = "services.yaml";
    /** Where the demo's BGP router listens. */
    static final String ROUTER_ADDRESS = "127.0.0.1";

    DemoExamples {
        config = List.copyOf(config);
        services = List.copyOf(services);
    }

    /** Invalid or unreadable examples: the message names the file, and the object and field when there is one. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** Reads and validates the examples from {@code dir}, or the bundled copy when empty. */
    static DemoExamples load(Optional<Path> dir) throws Refused {
        String source = dir.map(Path::toString).orElse("examples/demo (the copy in the jar)");
        List<Map<String, Object>> config = read(dir, CONFIG);
        List<Map<String, Object>> services = read(dir, SERVICES).stream()
                .filter(o -> "Service".equals(o.get("kind"))).toList();
        if (services.isEmpty()) {
            throw new Refused(source + "/" + SERVICES + ": no Service (expected: at least one)");
        }
        return new DemoExamples(source, config, services, parse(source, config));
    }

    /**
     * The same examples with every BGPPeer pointed at the demo's router: {@code peerAddress} 127.0.0.1,
     * {@code peerPort} {@code port}, and no TCP-MD5 password (the router has none), so no session ever leaves
     * the host whatever a user's file says.
     */
    DemoExamples pointedAt(int port) throws Refused {
        List<Map<String, Object>> filled = new ArrayList<>();
        for (Map<String, Object> o : config) {
            Map<String, Object> copy = new LinkedHashMap<>(o);
            if ("BGPPeer".equals(o.get("kind")) && o.get("spec") instanceof Map<?, ?> spec) {
                Map<String, Object> newSpec = new LinkedHashMap<>(stringKeyed(spec));
                newSpec.put("peerAddress", ROUTER_ADDRESS);
                newSpec.put("peerPort", port);
                newSpec.remove("password");
                newSpec.remove("passwordSecret");
                copy.put("spec", newSpec);
            }
            filled.add(copy);
        }
        return new DemoExamples(source, filled, services, parse(source, filled));
    }

    private static Config parse(String source, List<Map<String, Object>> config) throws Refused {
        ConfigResult result = ConfigParser.parseObjects(config);
        if (result instanceof ConfigResult.Invalid invalid) {
            throw new Refused(source + "/" + CONFIG + " is not a valid config:\n" + invalid.describe());
        }
        return ((ConfigResult.Valid) result).config();
    }

    private static List<Map<String, Object>> read(Optional<Path> dir, String file) throws Refused {
        String name = dir.map(d -> d.resolve(file).toString()).orElse("examples/demo/" + file);
        try (InputStream in = dir.isPresent() ? Files.newInputStream(dir.get().resolve(file))
                : DemoExamples.class.getResourceAsStream("examples/" + file)) {
            if (in == null) {
                throw new Refused(name + ": missing from the jar");
            }
            List<Map<String, Object>> objects = new ArrayList<>();
            int index = 0;
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                index++;
                if (doc == null) {
                    continue;
                }
                if (!(doc instanceof Map<?, ?> map)) {
                    throw new Refused(name + ": document " + index + " is not a mapping (expected: a Kubernetes "
                            + "object)");
                }
                objects.add(new LinkedHashMap<>(stringKeyed(map)));
            }
            return objects;
        } catch (IOException e) {
            throw new Refused(name + ": cannot read: " + e);
        } catch (YAMLException e) {
            throw new Refused(name + ": not YAML: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeyed(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
