package io.metallb.distribution;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The tests' one way to wait: poll a condition until it holds, fail at a deadline (never a fixed sleep). */
public final class Poll {

    private Poll() {
    }

    /**
     * Polls {@code condition} every {@code interval} until it holds; at {@code deadline} fails naming {@code what}
     * and the last state {@code detail} gives.
     */
    public static void await(String what, Duration deadline, Duration interval, BooleanSupplier condition,
            Supplier<String> detail) {
        Instant end = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting for " + what + "; last state: " + detail.get());
            }
            try {
                Thread.sleep(interval.toMillis()); // poll interval, not a wait for something to happen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** As above, without a last state to report. */
    public static void await(String what, Duration deadline, Duration interval, BooleanSupplier condition) {
        await(what, deadline, interval, condition, () -> "(not reported)");
    }
}
