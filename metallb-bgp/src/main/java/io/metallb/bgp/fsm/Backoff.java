package io.metallb.bgp.fsm;

import java.time.Duration;

/** MetalLB's reconnect backoff: 0, 1, 2, 4, 8 ... seconds, never more than 120 s. */
public final class Backoff {
    public static final Duration MAX = Duration.ofSeconds(120);

    private Backoff() {
    }

    /** The wait before attempt number {@code attempt} (0 for the first). */
    public static Duration delay(int attempt) {
        if (attempt <= 0) {
            return Duration.ZERO;
        }
        if (attempt > 8) {
            return MAX;
        }
        Duration d = Duration.ofSeconds(1L << (attempt - 1));
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
