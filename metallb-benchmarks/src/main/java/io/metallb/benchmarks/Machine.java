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
        int cores = Runtime.getRuntime().availableProcessors();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String s = String.format(Locale.ROOT, "%d cores, JDK %s, load %.1f", cores,
                Runtime.version(), load);
        // The benchmark itself keeps about one core busy (plus the JIT and GC): more means a neighbour.
        return load > 1.5 ? s + ", NOISY: other work was running" : s;
    }
}
