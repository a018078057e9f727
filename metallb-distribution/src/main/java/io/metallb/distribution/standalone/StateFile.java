package io.metallb.distribution.standalone;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Assignment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Where standalone mode keeps its assignments: {@code FILE.state} beside the config {@code FILE} (for
 * {@code /etc/metallb/standalone.yaml}, {@code /etc/metallb/standalone.yaml.state}). It plays the part of
 * Service status in a cluster: read at start, before any allocation, so a restart keeps every address.
 *
 * <p>Format, YAML, one entry per Service holding an address, in key order:
 * <pre>
 * # metallb standalone: ...
 * default/web:
 *   pool: prod
 *   ips:
 *   - 198.51.100.10
 * </pre>
 * Written after each change as a whole new file renamed over the old one, so a crash leaves the old or the new
 * state, never half of one.
 */
public final class StateFile {

    private static final String HEADER = """
            # metallb standalone: the addresses each Service of %s holds, and their pool.
            # Written by `metallb standalone` on every change; read at start so a restart keeps every address.
            """;

    private final Path path;
    private final Path configFile;

    private StateFile(Path path, Path configFile) {
        this.path = path;
        this.configFile = configFile;
    }

    /** The state file of config {@code file}: {@code file} with {@code .state} appended, in the same directory. */
    public static StateFile beside(Path file) {
        Path abs = file.toAbsolutePath();
        return new StateFile(abs.resolveSibling(abs.getFileName() + ".state"), abs);
    }

    public Path path() {
        return path;
    }

    /** True when the file exists. */
    public boolean exists() {
        return Files.exists(path);
    }

    /**
     * The assignments recorded; none when the file does not exist.
     *
     * @throws IOException when it cannot be read or an entry is malformed (the message names the entry)
     */
    public SortedMap<ServiceKey, Assignment> read() throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        }
        return parse(text, path.toString());
    }

    static SortedMap<ServiceKey, Assignment> parse(String text, String source) throws IOException {
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new IOException(source + ": not YAML: " + e.getMessage(), e);
        }
        SortedMap<ServiceKey, Assignment> out = new TreeMap<>();
        if (tree == null) {
            return out;
        }
        if (!(tree instanceof Map<?, ?> entries)) {
            throw new IOException(source + ": expected a mapping of namespace/name to {pool, ips}");
        }
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!name.contains("/") || !(e.getValue() instanceof Map<?, ?> entry)
                    || !(entry.get("pool") instanceof String pool) || !(entry.get("ips") instanceof List<?> ips)) {
                throw new IOException(source + ": entry \"" + name
                        + "\": expected namespace/name: {pool: NAME, ips: [ADDRESS...]}");
            }
            ServiceKey key = ServiceKey.parse(name);
            List<IpAddress> addresses = new ArrayList<>();
            for (Object ip : ips) {
                try {
                    addresses.add(IpAddress.parse(String.valueOf(ip)));
                } catch (IllegalArgumentException bad) {
                    throw new IOException(source + ": entry \"" + name + "\": ips: " + bad.getMessage(), bad);
                }
            }
            try {
                out.put(key, new Assignment(key, addresses, pool));
            } catch (IllegalArgumentException bad) {
                throw new IOException(source + ": entry \"" + name + "\": " + bad.getMessage(), bad);
            }
        }
        return out;
    }

    /** Replaces the file's content with {@code assignments}, atomically. */
    public void write(Map<ServiceKey, Assignment> assignments) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(tmp, render(assignments, configFile.getFileName().toString()), StandardCharsets.UTF_8);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String render(Map<ServiceKey, Assignment> assignments, String configName) {
        Map<String, Object> tree = new LinkedHashMap<>();
        new TreeMap<>(assignments).forEach((key, a) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pool", a.pool());
            entry.put("ips", a.ips().stream().map(IpAddress::toString).toList());
            tree.put(key.toString(), entry);
        });
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return HEADER.formatted(configName) + (tree.isEmpty() ? "{}\n" : new Yaml(options).dump(tree));
    }
}
