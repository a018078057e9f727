package io.metallb.l2.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The interfaces layer 2 may answer on, as MetalLB chooses them ({@code internal/layer2/announcer.go}): up,
 * broadcast-capable, ARP enabled (not IFF_NOARP), not loopback, and not enslaved to a bond or bridge (the master
 * answers for them); minus names matching an exclusion pattern. Read from {@code /sys/class/net}.
 */
final class InterfaceScanner {

    /** IFF_UP, IFF_BROADCAST, IFF_LOOPBACK, IFF_NOARP from linux/if.h. */
    static final int IFF_UP = 0x1;
    static final int IFF_BROADCAST = 0x2;
    static final int IFF_LOOPBACK = 0x8;
    static final int IFF_NOARP = 0x80;

    private final Path sysClassNet;
    private final List<Pattern> excluded;

    InterfaceScanner(Path sysClassNet, List<Pattern> excluded) {
        this.sysClassNet = sysClassNet;
        this.excluded = List.copyOf(excluded);
    }

    /** The eligible interface names, sorted. */
    List<String> scan() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> links = Files.list(sysClassNet)) {
            for (Path link : links.sorted().toList()) {
                String name = link.getFileName().toString();
                if (eligible(link) && excluded.stream().noneMatch(p -> p.matcher(name).matches())) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + sysClassNet + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static boolean eligible(Path link) {
        try {
            int flags = Integer.decode(Files.readString(link.resolve("flags")).strip());
            boolean up = (flags & IFF_UP) != 0 && !"down".equals(Files.readString(link.resolve("operstate")).strip());
            return up && (flags & IFF_BROADCAST) != 0 && (flags & IFF_LOOPBACK) == 0 && (flags & IFF_NOARP) == 0
                    && !Files.exists(link.resolve("master"));
        } catch (IOException | NumberFormatException e) {
            return false; // vanished while we looked, or not a network device we understand
        }
    }

    /** Exclusion patterns from a comma-separated list of regular expressions matching whole names. */
    static List<Pattern> patterns(String commaSeparated) {
        List<Pattern> out = new ArrayList<>();
        for (String p : commaSeparated.split(",")) {
            if (!p.isBlank()) {
                out.add(Pattern.compile(p.strip()));
            }
        }
        return out;
    }
}
