package io.metallb.distribution.demo;

import io.metallb.api.config.Config;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The demo's {@code layer2} protocol: the real one answers ARP/NDP through pcap and needs CAP_NET_RAW, so each
 * simulated node gets an announcer that only records the set the speaker hands it. What it records is what
 * metallb-l2 would announce: the speaker elected this node for those addresses.
 */
final class RecordingLayer2 implements AnnouncerProvider {

    private final Map<String, Set<Announcement>> byNode = new ConcurrentHashMap<>();

    @Override
    public String protocol() {
        return "layer2";
    }

    @Override
    public Announcer create(AnnouncerContext context) {
        String node = context.nodeName();
        byNode.put(node, Set.of());
        return new Announcer() {
            private Set<Announcement> desired = Set.of();

            @Override
            public void apply(Config config, Set<Announcement> announcements) {
                desired = Set.copyOf(announcements);
                byNode.put(node, desired);
            }

            @Override
            public Map<Announcement, AnnouncementStatus> status() {
                return desired.stream().collect(Collectors.toMap(Function.identity(),
                        a -> new AnnouncementStatus(AnnouncementStatus.State.ANNOUNCED, "recorded by the demo")));
            }

            @Override
            public void close() {
                byNode.put(node, Set.of());
            }
        };
    }

    /** The nodes whose announcer now holds an announcement of {@code service}. */
    Set<String> nodesAnnouncing(ServiceKey service) {
        Set<String> nodes = new TreeSet<>();
        byNode.forEach((node, set) -> {
            if (set.stream().anyMatch(a -> a.service().equals(service))) {
                nodes.add(node);
            }
        });
        return nodes;
    }
}
