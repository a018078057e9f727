package io.metallb.bgp.speaker;

import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpPrefix;
import io.metallb.api.selector.LabelSelector;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.bgp.BgpCounters;
import io.metallb.bgp.fsm.SessionConfig;
import io.metallb.bgp.fsm.SessionState;
import io.metallb.bgp.wire.AfiSafi;
import io.metallb.bgp.wire.Capability;
import io.metallb.bgp.wire.ErrorCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The sessions of one node to all its peers. {@link #apply} is called from one thread; each session lives on
 * its own event loop. Adding, removing or changing one peer touches that peer's session only, and a change of
 * announcements only sends UPDATEs: no session is ever reset for it.
 */
public final class BgpSpeaker implements AutoCloseable {
    /** Connection attempts time out after this, or the connect time when shorter. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_CONNECT_RETRY = Duration.ofSeconds(10);

    private final Map<String, String> nodeLabels;
    private final BgpCounters counters;
    private final Supplier<IpAddress> nodeRouterId;
    private final Transport transport = Transport.create(1);
    private final Map<String, PeerSession> sessions = new HashMap<>();
    private final Map<String, Map<IpPrefix, RouteAttributes>> given = new HashMap<>();

    /**
     * @param nodeRouterId this node's router ID for peers that configure none (an IPv4 address of the node)
     */
    public BgpSpeaker(Map<String, String> nodeLabels, BgpCounters counters, Supplier<IpAddress> nodeRouterId) {
        this.nodeLabels = Map.copyOf(nodeLabels);
        this.counters = Objects.requireNonNull(counters, "counters");
        this.nodeRouterId = Objects.requireNonNull(nodeRouterId, "nodeRouterId");
    }

    /** True when Netty's epoll transport is in use (TCP-MD5 and TTL need it). */
    public boolean nativeTransport() {
        return transport.epoll();
    }

    public void apply(Config config, Set<Announcement> desired) {
        Map<String, BgpPeer> wanted = new LinkedHashMap<>();
        config.bgpPeers().values().stream().filter(p -> LabelSelector.anyMatches(p.nodeSelectors(), nodeLabels))
                .forEach(p -> wanted.put(p.name(), p));
        for (String name : new ArrayList<>(sessions.keySet())) {
            BgpPeer now = wanted.get(name);
            if (now == null || !now.equals(sessions.get(name).peer())) {
                // RFC 4486 §4: the Cease subcode says why.
                sessions.remove(name).stop(now == null ? ErrorCodes.PEER_DECONFIGURED
                        : ErrorCodes.OTHER_CONFIGURATION_CHANGE, now == null ? "peer deconfigured"
                        : "peer configuration changed");
                given.remove(name);
            }
        }
        wanted.forEach((name, peer) -> {
            PeerSession s = sessions.computeIfAbsent(name, n -> {
                PeerSession created = new PeerSession(peer, sessionConfig(peer), transport.group().next(),
                        new Connector(transport, (int) connectTimeout(peer).toMillis()), counters);
                created.start();
                return created;
            });
            Map<IpPrefix, RouteAttributes> routes = Routes.forPeer(config, peer, desired);
            if (!routes.equals(given.get(name))) {
                given.put(name, routes);
                s.setRoutes(routes);
            }
        });
    }

    /** Per announcement: ANNOUNCED once some peer has its prefix, PENDING while only wanted, FAILED if no peer. */
    public Map<Announcement, AnnouncementStatus> status(Config config, Set<Announcement> desired) {
        Map<Announcement, AnnouncementStatus> out = new HashMap<>();
        for (Announcement a : desired) {
            List<String> announcedTo = new ArrayList<>();
            boolean wanted = false;
            for (PeerSession s : sessions.values()) {
                Set<IpPrefix> mine = Routes.forPeer(config, s.peer(), Set.of(a)).keySet();
                if (mine.isEmpty()) {
                    continue;
                }
                wanted = true;
                PeerSession.Snapshot snap = s.snapshot();
                if (snap.state() == SessionState.ESTABLISHED && snap.announced().containsAll(mine)) {
                    announcedTo.add(s.peer().name());
                }
            }
            out.put(a, !announcedTo.isEmpty()
                    ? new AnnouncementStatus(AnnouncementStatus.State.ANNOUNCED, "to " + String.join(", ", announcedTo))
                    : wanted ? new AnnouncementStatus(AnnouncementStatus.State.PENDING, "no session established")
                    : new AnnouncementStatus(AnnouncementStatus.State.FAILED, "no BGP peer selects it"));
        }
        return out;
    }

    /** Stops every session (Cease, Administrative Shutdown: the peers withdraw our routes) and the loops. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        sessions.values().forEach(s -> stops.add(s.stop(ErrorCodes.ADMINISTRATIVE_SHUTDOWN, "speaker shutting down")));
        sessions.clear();
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        transport.close();
    }

    SessionConfig sessionConfig(BgpPeer peer) {
        IpAddress id = peer.routerId().orElseGet(nodeRouterId);
        List<Capability> caps = new ArrayList<>(List.of(new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST),
                new Capability.Multiprotocol(AfiSafi.IPV6_UNICAST), new Capability.RouteRefresh(),
                new Capability.ExtendedMessage(), new Capability.FourOctetAs(peer.myAsn())));
        if (peer.enableGracefulRestart()) {
            caps.add(new Capability.GracefulRestart(0, 120, List.of(
                    new Capability.GracefulRestart.Family(AfiSafi.IPV4_UNICAST, 0),
                    new Capability.GracefulRestart.Family(AfiSafi.IPV6_UNICAST, 0))));
        }
        return new SessionConfig(peer.myAsn(), peer.peerAsn(), peer.dynamicAsn(), id.low(),
                Duration.ofSeconds(peer.holdTime().toSeconds()), peer.keepaliveTime(),
                peer.connectTime().orElse(DEFAULT_CONNECT_RETRY), caps);
    }

    private static Duration connectTimeout(BgpPeer peer) {
        Duration retry = peer.connectTime().orElse(DEFAULT_CONNECT_RETRY);
        return retry.compareTo(CONNECT_TIMEOUT) < 0 ? retry : CONNECT_TIMEOUT;
    }

}
