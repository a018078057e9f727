package io.metallb.testannouncer;

import io.metallb.api.config.Config;
import io.metallb.api.spi.Announcement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The last desired set and config each live {@code recording} announcer was given, by node name. The announcers
 * are created by {@link java.util.ServiceLoader}, so this state is static: a test calls {@link #clear()} first.
 */
public final class Recordings {

    /** The protocol name the plugin provides. */
    public static final String PROTOCOL = "recording";

    private static final Map<String, Set<Announcement>> LAST = new ConcurrentHashMap<>();
    private static final Map<String, Config> CONFIGS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> CREATED = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, String>> OPTIONS = new ConcurrentHashMap<>();

    private Recordings() {
    }

    /** Forgets everything recorded. */
    public static void clear() {
        LAST.clear();
        CONFIGS.clear();
        CREATED.clear();
        OPTIONS.clear();
    }

    /** The options the last announcer created for {@code node} was given. */
    public static Map<String, String> options(String node) {
        return OPTIONS.getOrDefault(node, Map.of());
    }

    /** The last set applied on {@code node}; empty when none was applied or its announcer was closed. */
    public static Set<Announcement> last(String node) {
        return LAST.getOrDefault(node, Set.of());
    }

    /** The config of the last apply on {@code node}, if its announcer is open. */
    public static Optional<Config> lastConfig(String node) {
        return Optional.ofNullable(CONFIGS.get(node));
    }

    /** How many announcers were created for {@code node}. */
    public static int created(String node) {
        return CREATED.getOrDefault(node, 0);
    }

    /** The nodes whose last set announces service {@code name} (any namespace). */
    public static Set<String> nodesAnnouncing(String name) {
        return LAST.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(a -> a.service().name().equals(name)))
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    static void recordCreated(String node, Map<String, String> options) {
        CREATED.merge(node, 1, Integer::sum);
        OPTIONS.put(node, Map.copyOf(options));
    }

    static void applied(String node, Config config, Set<Announcement> desired) {
        LAST.put(node, Set.copyOf(desired));
        CONFIGS.put(node, config);
    }

    static void closed(String node) {
        LAST.remove(node);
        CONFIGS.remove(node);
    }
}
