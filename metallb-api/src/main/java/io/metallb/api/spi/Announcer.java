package io.metallb.api.spi;

import io.metallb.api.config.Config;
import java.util.Map;
import java.util.Set;

/**
 * Makes addresses reachable by one protocol on this node. Declarative: each {@link #apply} gives the complete
 * desired set and the announcer makes the world match it, doing only the difference (announcing one more
 * service never resets a BGP session nor re-sends gratuitous ARP for the others). Calls come from one thread.
 */
public interface Announcer extends AutoCloseable {

    /**
     * Makes the announced set equal {@code desired}, under {@code config} (peers, advertisements, interfaces).
     * Idempotent: the same arguments twice change nothing the second time.
     */
    void apply(Config config, Set<Announcement> desired);

    /** The state of each announcement of the last {@link #apply}. */
    Map<Announcement, AnnouncementStatus> status();

    /** Withdraws everything (routes withdrawn, ARP/NDP answers stopped) and frees resources. */
    @Override
    void close();
}
