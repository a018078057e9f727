package io.metallb.testannouncer;

import io.metallb.api.config.Config;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code recording} protocol: each announcer stores what it is given in {@link Recordings}, keyed by its node.
 * Public only because {@link java.util.ServiceLoader} instantiates it.
 */
public final class RecordingAnnouncerProvider implements AnnouncerProvider {

    @Override
    public String protocol() {
        return Recordings.PROTOCOL;
    }

    @Override
    public Announcer create(AnnouncerContext context) {
        String node = context.nodeName();
        Recordings.recordCreated(node, context.options());
        return new Announcer() {
            @Override
            public void apply(Config config, Set<Announcement> desired) {
                Recordings.applied(node, config, desired);
            }

            @Override
            public Map<Announcement, AnnouncementStatus> status() {
                return Recordings.last(node).stream().collect(Collectors.toMap(a -> a,
                        a -> new AnnouncementStatus(AnnouncementStatus.State.ANNOUNCED, "")));
            }

            @Override
            public void close() {
                Recordings.closed(node);
            }
        };
    }
}
