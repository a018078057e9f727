package io.metallb.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** What the figures were measured on, and whether other work was competing for the CPUs. */
final class Machine {

    private Machine() {
    }

    /**
     * {@code "2 cores, JDK 17.0.15, load 1.0"}, plus a warning when the one-minute load average shows other
     * work on the machine: figures taken then are noisy.
     */
    static String describe() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String s = String.format(Locale.ROOT, "%s, load %.1f", identity(), load);
        // The benchmark itself keeps about one core busy (plus the JIT and GC): more means a neighbour.
        return load > 1.5 ? s + ", NOISY: other work was running" : s;
    }

    /** {@code "2 cores, JDK 17.0.15"}: enough for figures (like heap sizes) that load does not move. */
    static String identity() {
        return String.format(Locale.ROOT, "%d cores, JDK %s", Runtime.getRuntime().availableProcessors(),
                Runtime.version());
    }
}
