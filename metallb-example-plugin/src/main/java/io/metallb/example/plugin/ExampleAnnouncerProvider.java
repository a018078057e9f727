package io.metallb.example.plugin;

import io.metallb.api.config.Config;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code example} protocol: each announcer logs the announcements it is given and reports them announced.
 * A real plugin would run a command or program a device here. Public only because {@link java.util.ServiceLoader}
 * instantiates it.
 */
public final class ExampleAnnouncerProvider implements AnnouncerProvider {
    private static final System.Logger LOG = System.getLogger(ExampleAnnouncerProvider.class.getName());

    @Override
    public String protocol() {
        return "example";
    }

    @Override
    public Announcer create(AnnouncerContext context) {
        String node = context.nodeName();
        return new Announcer() {
            private final Map<Announcement, AnnouncementStatus> announced = new LinkedHashMap<>();

            @Override
            public void apply(Config config, Set<Announcement> desired) {
                announced.keySet().retainAll(desired);
                for (Announcement a : desired) {
                    announced.computeIfAbsent(a, k -> {
                        LOG.log(System.Logger.Level.INFO, "{0}: announce {1}", node, k);
                        return new AnnouncementStatus(AnnouncementStatus.State.ANNOUNCED, "");
                    });
                }
            }

            @Override
            public Map<Announcement, AnnouncementStatus> status() {
                return Map.copyOf(announced);
            }

            @Override
            public void close() {
                announced.clear();
            }
        };
    }
}
