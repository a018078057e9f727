package io.metallb.api.spi;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Who is alive: the node names whose speakers can announce. Layer 2 election runs over this set, so a fast
 * implementation (failure detected within a second) makes failover fast.
 */
public interface Membership extends AutoCloseable {

    /** The nodes alive now. */
    Set<String> liveNodes();

    /** Calls {@code listener} with the new set each time it changes. */
    void subscribe(Consumer<Set<String>> listener);

    @Override
    void close();
}
