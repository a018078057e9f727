package io.metallb.api.config;

import static io.metallb.api.config.Trees.list;
import static io.metallb.api.config.Trees.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfigParserPropertyTest {

    /** Values that are wrong somewhere: wrong type, out of range, empty, not a number, too long a duration. */
    private static final List<Object> POISON = List.of("", "x", "-", ":", "1:2:3", "large:1:2", "10.0.0.300/24",
            "198.51.100.9-198.51.100.1", "99999999999999999999h", "-5s", -1, 0, 70000, 4294967296L,
            Long.MIN_VALUE, 1.5, Double.NaN, true, false, List.of(), List.of(List.of()), Map.of(),
            Map.of("key", 1));

    @Test
    void validConfigsRoundTripThroughObjects() {
        qt().withExamples(200).forAll(longs().all().map(RandomConfigs::fromSeed)).checkAssert(config -> {
            ConfigResult result = ConfigParser.parseObjects(ConfigParser.toObjects(config));
            assertThat(result).isEqualTo(new ConfigResult.Valid(config, List.of()));
        });
    }

    @Test
    void mangledObjectTreesGiveAResultNotAnException() {
        invalidCount.set(0);
        qt().withExamples(300).forAll(longs().all(), integers().between(1, 6)).checkAssert((seed, mutations) -> {
            List<Map<String, Object>> tree = deepCopy(ConfigParser.toObjects(RandomConfigs.fromSeed(seed)));
            Random random = new Random(seed);
            for (int i = 0; i < mutations; i++) {
                mangle(tree, random);
            }
            ConfigResult result = ConfigParser.parseObjects(tree);
            assertNoInternalError(result);
        });
        assertThat(invalidCount.get()).as("mangling must produce invalid trees, or the property is vacuous")
                .isPositive();
    }

    @Test
    void mangledLegacyTreesGiveAResultNotAnException() {
        invalidCount.set(0);
        qt().withExamples(300).forAll(longs().all(), integers().between(1, 6)).checkAssert((seed, mutations) -> {
            Map<String, Object> tree = legacySample();
            Random random = new Random(seed);
            for (int i = 0; i < mutations; i++) {
                mangle(tree, random);
            }
            assertNoInternalError(ConfigParser.parseLegacy(tree));
        });
        assertThat(invalidCount.get()).as("mangling must produce invalid trees, or the property is vacuous")
                .isPositive();
    }

    private final java.util.concurrent.atomic.AtomicInteger invalidCount = new java.util.concurrent.atomic.AtomicInteger();

    private void assertNoInternalError(ConfigResult result) {
        assertThat(result).isNotNull();
        if (result instanceof ConfigResult.Invalid invalid) {
            invalidCount.incrementAndGet();
            assertThat(invalid.errors()).noneMatch(e -> e.message().startsWith("internal error"));
        }
    }

    private static Map<String, Object> legacySample() {
        return map(
                "bfd-profiles", list(map("name", "b", "receive-interval", 100, "echo-mode", false)),
                "bgp-communities", map("no-advertise", "65535:65282"),
                "peers", list(map("peer-address", "203.0.113.1", "peer-asn", 64513, "my-asn", "64512",
                        "hold-time", "90s", "keepalive-time", "30s", "bfd-profile", "b",
                        "node-selectors", list(map("match-labels", map("rack", "r1"), "match-expressions",
                                list(map("key", "zone", "operator", "In", "values", list("a"))))))),
                "address-pools", list(
                        map("name", "l2", "protocol", "layer2", "addresses", list("198.51.100.0/25"),
                                "auto-assign", false),
                        map("name", "bgp", "protocol", "bgp", "addresses", list("203.0.113.0/24", "2001:db8::/64"),
                                "bgp-advertisements", list(map("aggregation-length", 24, "localpref", 100,
                                        "communities", list("no-advertise", "64512:1"))))));
    }

    /**
     * Walks down a random path and, at a random depth, replaces, deletes or adds a value. Containers on the
     * path are always mutable copies made by {@link #deepCopy}.
     */
    @SuppressWarnings("unchecked")
    private static void mangle(Object tree, Random random) {
        Object node = tree;
        while (true) {
            boolean stopHere = random.nextInt(4) == 0;
            if (node instanceof Map<?, ?> m && !m.isEmpty()) {
                Map<String, Object> map = (Map<String, Object>) m;
                List<String> keys = new ArrayList<>(map.keySet());
                String key = keys.get(random.nextInt(keys.size()));
                Object child = map.get(key);
                if (stopHere || !(child instanceof Map<?, ?> || child instanceof List<?>)) {
                    switch (random.nextInt(3)) {
                        case 0 -> map.remove(key);
                        case 1 -> map.put("unknownField", poison(random));
                        default -> map.put(key, poison(random));
                    }
                    return;
                }
                node = child;
            } else if (node instanceof List<?> l && !l.isEmpty()) {
                List<Object> items = (List<Object>) l;
                int i = random.nextInt(items.size());
                Object child = items.get(i);
                if (stopHere || !(child instanceof Map<?, ?> || child instanceof List<?>)) {
                    if (random.nextBoolean()) {
                        items.set(i, poison(random));
                    } else {
                        items.add(random.nextBoolean() ? child : poison(random));
                    }
                    return;
                }
                node = child;
            } else {
                return;
            }
        }
    }

    private static Object poison(Random random) {
        return random.nextInt(10) == 0 ? null : deepCopy(POISON.get(random.nextInt(POISON.size())));
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }
}
