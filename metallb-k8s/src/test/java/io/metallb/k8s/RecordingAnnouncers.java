package io.metallb.k8s;

import io.metallb.api.config.Config;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;
import io.metallb.api.spi.Membership;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Test doubles for the speaker: announcer providers that record the last desired set each node's announcer was
 * given (keyed by protocol and node), and a membership whose live set the test changes.
 */
final class RecordingAnnouncers {

    /** The interface every recorded announcement reports being answered on. */
    static final String INTERFACE = "rec0";


    /** protocol + " " + node → the last set applied. */
    final Map<String, Set<Announcement>> last = new ConcurrentHashMap<>();

    AnnouncerProvider provider(String protocol) {
        return new AnnouncerProvider() {
            @Override
            public String protocol() {
                return protocol;
            }

            @Override
            public Announcer create(AnnouncerContext context) {
                String key = protocol + " " + context.nodeName();
                return new Announcer() {
                    @Override
                    public void apply(Config config, Set<Announcement> desired) {
                        last.put(key, Set.copyOf(desired));
                    }

                    @Override
                    public Map<Announcement, AnnouncementStatus> status() {
                        // every announcement "on" one made-up interface, for ServiceL2Status.interfaces
                        return last.getOrDefault(key, Set.of()).stream().collect(Collectors.toMap(a -> a,
                                a -> new AnnouncementStatus(AnnouncementStatus.State.ANNOUNCED, "",
                                        List.of(INTERFACE))));
                    }

                    @Override
                    public void close() {
                        last.remove(key);
                    }
                };
            }
        };
    }

    /** The nodes whose last {@code protocol} set holds an announcement of service {@code name}. */
    Set<String> nodesAnnouncing(String protocol, String name) {
        return last.entrySet().stream().filter(e -> e.getKey().startsWith(protocol + " "))
                .filter(e -> e.getValue().stream().anyMatch(a -> a.service().name().equals(name)))
                .map(e -> e.getKey().substring(protocol.length() + 1)).collect(Collectors.toSet());
    }

    static final class LiveNodes implements Membership {
        private volatile Set<String> live;
        private final CopyOnWriteArrayList<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();

        LiveNodes(Set<String> live) {
            this.live = Set.copyOf(live);
        }

        void set(Set<String> now) {
            live = Set.copyOf(now);
            listeners.forEach(l -> l.accept(live));
        }

        @Override
        public Set<String> liveNodes() {
            return live;
        }

        @Override
        public void subscribe(Consumer<Set<String>> listener) {
            listeners.add(listener);
        }

        @Override
        public void close() {
        }
    }
}
