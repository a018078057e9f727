package io.metallb.example.embedding;

import io.metallb.api.config.ConfigParser;
import io.metallb.api.net.IpAddress;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import io.metallb.api.spi.Assignment;
import io.metallb.api.spi.ClusterSnapshot;
import io.metallb.api.spi.ClusterSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link ClusterSource} of our own: pools and services come from a text file, one per line,
 *
 * <pre>
 * pool edge 198.51.100.10-198.51.100.19   # pool NAME ADDRESSES... (as in an IPAddressPool's spec.addresses)
 * service default/web                     # service NAMESPACE/NAME: a single-stack IPv4 LoadBalancer, TCP 80
 * </pre>
 *
 * <p>and the assignments are saved in {@code FILE.assignments} ({@code namespace/name pool ip...} lines), the part
 * Service status plays in a cluster: each snapshot hands them back as the services' ingress, so a restart finds
 * them. Blank lines and {@code #} comments are ignored; anything else is an error naming the line.
 */
public final class TextFileSource implements ClusterSource {

    private final Path file;
    private final Path saved;
    private final PrintStream events;
    private final SortedMap<ServiceKey, Assignment> assignments = new TreeMap<>();

    public TextFileSource(Path file, PrintStream events) {
        this.file = file;
        this.saved = file.resolveSibling(file.getFileName() + ".assignments");
        this.events = events;
    }

    /** Where the assignments are saved. */
    public Path savedAssignments() {
        return saved;
    }

    @Override
    public void start(Consumer<ClusterSnapshot> listener) {
        loadSaved();
        List<Map<String, ?>> pools = new ArrayList<>();
        SortedMap<ServiceKey, Service> services = new TreeMap<>();
        List<String> lines = read(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words[0].equals("pool") && words.length >= 3) {
                pools.add(Map.of("apiVersion", "metallb.io/v1beta1", "kind", "IPAddressPool",
                        "metadata", Map.of("name", words[1]),
                        "spec", Map.of("addresses", List.of(Arrays.copyOfRange(words, 2, words.length)))));
            } else if (words[0].equals("service") && words.length == 2 && words[1].contains("/")) {
                ServiceKey key = ServiceKey.parse(words[1]);
                List<IpAddress> ingress = Optional.ofNullable(assignments.get(key)).map(Assignment::ips)
                        .orElse(List.of());
                services.put(key, Service.loadBalancer(key, ServicePort.tcp(80)).withIngress(ingress));
            } else {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected \"pool NAME ADDRESSES...\""
                        + " or \"service NAMESPACE/NAME\", got \"" + lines.get(i) + "\"");
            }
        }
        // A service gone from the file while nobody ran is gone from the saved assignments too.
        if (assignments.keySet().retainAll(services.keySet())) {
            save();
        }
        // A controller needs no endpoints nor nodes: those are the speakers' business.
        listener.accept(new ClusterSnapshot(ConfigParser.parseObjects(pools), services, Map.of(), Map.of(), Map.of()));
    }

    @Override
    public void writeAssignment(Assignment assignment) {
        if (!assignment.equals(assignments.put(assignment.service(), assignment))) {
            save();
        }
    }

    @Override
    public void clearAssignment(ServiceKey service) {
        if (assignments.remove(service) != null) {
            save();
        }
    }

    @Override
    public void recordEvent(Optional<ServiceKey> service, EventType type, String reason, String message) {
        events.println(type + " " + service.map(ServiceKey::toString).orElse("config") + " " + reason + ": "
                + message);
    }

    @Override
    public void close() {
        // nothing held open: every change was saved when it was made
    }

    private void loadSaved() {
        assignments.clear();
        if (!Files.exists(saved)) {
            return;
        }
        for (String line : read(saved)) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 3) {
                throw new IllegalArgumentException(saved + ": expected \"namespace/name pool ip...\", got \""
                        + line + "\"");
            }
            ServiceKey key = ServiceKey.parse(words[0]);
            List<IpAddress> ips = Arrays.stream(words, 2, words.length).map(IpAddress::parse).toList();
            assignments.put(key, new Assignment(key, ips, words[1]));
        }
    }

    /** Rewrites the saved assignments whole: a temporary file renamed over the old one. */
    private void save() {
        StringBuilder text = new StringBuilder();
        for (Assignment a : assignments.values()) {
            text.append(a.service()).append(' ').append(a.pool());
            a.ips().forEach(ip -> text.append(' ').append(ip));
            text.append('\n');
        }
        try {
            Path tmp = saved.resolveSibling(saved.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, saved, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path path) {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
