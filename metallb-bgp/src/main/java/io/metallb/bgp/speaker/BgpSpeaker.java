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
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.Bytes;
import io.metallb.bgp.wire.Notification;
import io.metallb.bgp.wire.WireOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sessions of one node to all its peers. {@link #apply} is called from one thread; each session lives on
 * its own event loop. Adding, removing or changing one peer touches that peer's session only, and a change of
 * announcements only sends UPDATEs: no session is ever reset for it. With {@link SpeakerOptions#listen} it also
 * accepts connections from its peers (see {@link PeerSession} for collisions).
 */
public final class BgpSpeaker implements AutoCloseable {
    /** Connection attempts time out after this, or the connect time when shorter. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_CONNECT_RETRY = Duration.ofSeconds(10);
    /** RFC 4724 §3: the Restart State bit of the capability's flags, and a family's Forwarding State bit. */
    private static final int RESTART_STATE = 0x8;
    private static final int FORWARDING_STATE = 0x80;
    /** Seconds the peer keeps our routes after the session drops without a NOTIFICATION (MetalLB's FRR mode). */
    private static final int GRACEFUL_RESTART_TIME = 120;

    private final Map<String, String> nodeLabels;
    private final BgpCounters counters;
    private final Supplier<IpAddress> nodeRouterId;
    private final Transport transport = Transport.create(1);
    private final Map<String, PeerSession> sessions = new HashMap<>();
    private final Map<String, Map<IpPrefix, RouteAttributes>> given = new HashMap<>();
    private final SpeakerOptions options;
    /** The sessions by peer address, for accepted connections (read on the event loop). */
    private final Map<InetAddress, PeerSession> byAddress = new ConcurrentHashMap<>();
    private final Channel listener;

    /**
     * @param nodeRouterId this node's router ID for peers that configure none (an IPv4 address of the node)
     */
    public BgpSpeaker(Map<String, String> nodeLabels, BgpCounters counters, Supplier<IpAddress> nodeRouterId) {
        this(nodeLabels, counters, nodeRouterId, SpeakerOptions.DEFAULT);
    }

    /** A speaker that also listens, waits for passive peers or restarts gracefully, as {@code options} say. */
    public BgpSpeaker(Map<String, String> nodeLabels, BgpCounters counters, Supplier<IpAddress> nodeRouterId,
            SpeakerOptions options) {
        this.nodeLabels = Map.copyOf(nodeLabels);
        this.counters = Objects.requireNonNull(counters, "counters");
        this.nodeRouterId = Objects.requireNonNull(nodeRouterId, "nodeRouterId");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = options.listen().map(this::listen).orElse(null);
    }

    /** The options it runs with. */
    public SpeakerOptions options() {
        return options;
    }

    /** Where the speaker accepts connections (the bound port when 0 was asked for). */
    public Optional<InetSocketAddress> listening() {
        return Optional.ofNullable(listener).map(c -> (InetSocketAddress) c.localAddress());
    }

    private Channel listen(InetSocketAddress at) {
        ServerBootstrap b = new ServerBootstrap().group(transport.group()).channel(transport.serverChannelType())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new BgpFrameDecoder(), new Acceptor());
                    }
                });
        try {
            return b.bind(at).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("listening on " + at + " interrupted", e);
        } catch (RuntimeException e) {
            transport.close();
            throw new IllegalStateException("cannot listen on " + at + ": " + e.getMessage(), e);
        }
    }

    /** Gives an accepted connection to the session of the peer it comes from; refuses unknown peers. */
    private final class Acceptor extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            InetAddress from = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
            PeerSession s = byAddress.get(from);
            if (s == null) {
                // RFC 4486: Cease / Connection Rejected for a connection from no configured peer.
                ctx.writeAndFlush(Unpooled.wrappedBuffer(BgpMessageCodec.encode(new Notification(ErrorCodes.CEASE,
                        ErrorCodes.CONNECTION_REJECTED, Bytes.EMPTY), WireOptions.INITIAL)))
                        .addListener(f -> ctx.close());
                return;
            }
            if (transport.epoll()) {
                Connector.applyTtl(ctx.channel(), s.peer()); // before anything of ours is sent on it
            }
            ctx.pipeline().replace(this, "session", new SessionHandler(s));
            s.accepted(ctx.channel());
        }
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
                byAddress.remove(inet(sessions.get(name).peer().peerAddress()), sessions.get(name));
                sessions.remove(name).stop(now == null ? ErrorCodes.PEER_DECONFIGURED
                        : ErrorCodes.OTHER_CONFIGURATION_CHANGE, now == null ? "peer deconfigured"
                        : "peer configuration changed");
                given.remove(name);
            }
        }
        wanted.forEach((name, peer) -> {
            PeerSession s = sessions.computeIfAbsent(name, n -> {
                PeerSession created = new PeerSession(peer, sessionConfig(peer, options.restarted()),
                        sessionConfig(peer, false), transport.group().next(),
                        new Connector(transport, (int) connectTimeout(peer).toMillis()), counters, options.tap());
                byAddress.put(inet(peer.peerAddress()), created);
                SyncWarmUp.startOnce(); // compiles the first sync's path while the session comes up
                created.start();
                return created;
            });
            if (listener != null) {
                updateListenerKeys();
            }
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
        // Each peer's advertisements resolved once, not once per announcement.
        Map<PeerSession, Routes> routes = new LinkedHashMap<>();
        sessions.values().forEach(s -> routes.put(s, Routes.of(config, s.peer())));
        for (Announcement a : desired) {
            List<String> announcedTo = new ArrayList<>();
            boolean wanted = false;
            for (Map.Entry<PeerSession, Routes> e : routes.entrySet()) {
                List<IpPrefix> mine = new ArrayList<>(1);
                e.getValue().forEach(a, (prefix, attributes) -> mine.add(prefix));
                if (mine.isEmpty()) {
                    continue;
                }
                wanted = true;
                PeerSession.Snapshot snap = e.getKey().snapshot();
                if (snap.state() == SessionState.ESTABLISHED && snap.announced().containsAll(mine)) {
                    announcedTo.add(e.getKey().peer().name());
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
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        sessions.values().forEach(s -> stops.add(s.stop(ErrorCodes.ADMINISTRATIVE_SHUTDOWN, "speaker shutting down")));
        sessions.clear();
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        transport.close();
    }

    /** TCP-MD5 keys of every peer with a password on the listening socket (RFC 2385; epoll only). */
    private void updateListenerKeys() {
        if (!transport.epoll()) {
            return;
        }
        Map<InetAddress, byte[]> keys = new HashMap<>();
        sessions.values().forEach(s -> s.peer().password().ifPresent(p -> keys.put(inet(s.peer().peerAddress()),
                p.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        listener.config().setOption(EpollChannelOption.TCP_MD5SIG, keys);
    }

    private static InetAddress inet(IpAddress a) {
        try {
            return InetAddress.getByAddress(a.toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * @param restarting the first OPEN after a restart: RFC 4724's Restart State bit, and the Forwarding State
     *     bit of each family (the node kept forwarding to its services while the speaker was away)
     */
    SessionConfig sessionConfig(BgpPeer peer, boolean restarting) {
        IpAddress id = peer.routerId().orElseGet(nodeRouterId);
        List<Capability> caps = new ArrayList<>(List.of(new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST),
                new Capability.Multiprotocol(AfiSafi.IPV6_UNICAST), new Capability.RouteRefresh(),
                new Capability.ExtendedMessage(), new Capability.FourOctetAs(peer.myAsn())));
        if (peer.enableGracefulRestart()) {
            int forwarding = restarting ? FORWARDING_STATE : 0;
            caps.add(new Capability.GracefulRestart(restarting ? RESTART_STATE : 0, GRACEFUL_RESTART_TIME, List.of(
                    new Capability.GracefulRestart.Family(AfiSafi.IPV4_UNICAST, forwarding),
                    new Capability.GracefulRestart.Family(AfiSafi.IPV6_UNICAST, forwarding))));
        }
        return new SessionConfig(peer.myAsn(), peer.peerAsn(), peer.dynamicAsn(), id.low(),
                Duration.ofSeconds(peer.holdTime().toSeconds()), peer.keepaliveTime(),
                peer.connectTime().orElse(DEFAULT_CONNECT_RETRY), caps, options.passivePeers().contains(peer.name()));
    }

    private static Duration connectTimeout(BgpPeer peer) {
        Duration retry = peer.connectTime().orElse(DEFAULT_CONNECT_RETRY);
        return retry.compareTo(CONNECT_TIMEOUT) < 0 ? retry : CONNECT_TIMEOUT;
    }

}
