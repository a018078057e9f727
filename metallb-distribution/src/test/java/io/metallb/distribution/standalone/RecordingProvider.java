package io.metallb.distribution.standalone;

import io.metallb.api.config.Config;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A protocol plugin, {@code recording}, that keeps the last desired set it was given, as text ({@code
 * "default/web 198.51.100.10 [edge]"}), and whether it was closed. One announcer per provider instance.
 */
final class RecordingProvider implements AnnouncerProvider {
    volatile Set<String> last = Set.of();
    volatile boolean closed;
    volatile AnnouncerContext context;
    volatile int created;
    volatile Config lastConfig;

    @Override
    public String protocol() {
        return "recording";
    }

    @Override
    public Announcer create(AnnouncerContext ctx) {
        context = ctx;
        created++;
        return new Announcer() {
            private Set<Announcement> desired = Set.of();

            @Override
            public void apply(Config config, Set<Announcement> set) {
                lastConfig = config;
                desired = Set.copyOf(set);
                last = set.stream().map(a -> a.service() + " " + a.address() + " " + a.advertisements())
                        .collect(Collectors.toCollection(TreeSet::new));
            }

            @Override
            public Map<Announcement, AnnouncementStatus> status() {
                return desired.stream().collect(Collectors.toMap(a -> a,
                        a -> new AnnouncementStatus(AnnouncementStatus.State.ANNOUNCED, "")));
            }

            @Override
            public void close() {
                closed = true;
                last = Set.of();
            }
        };
    }
}
