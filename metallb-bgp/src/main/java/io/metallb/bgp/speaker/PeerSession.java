package io.metallb.bgp.speaker;

import io.metallb.api.config.BgpPeer;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpPrefix;
import io.metallb.bgp.BgpCounters;
import io.metallb.bgp.fsm.Negotiated;
import io.metallb.bgp.fsm.Session;
import io.metallb.bgp.fsm.SessionAction;
import io.metallb.bgp.fsm.SessionConfig;
import io.metallb.bgp.fsm.SessionEvent;
import io.metallb.bgp.fsm.SessionFsm;
import io.metallb.bgp.fsm.SessionState;
import io.metallb.bgp.fsm.Transition;
import io.metallb.bgp.fsm.Collision;
import io.metallb.bgp.wire.AfiSafi;
import io.metallb.bgp.wire.BgpException;
import io.metallb.bgp.wire.BgpMessage;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.Bytes;
import io.metallb.bgp.wire.Decoded;
import io.metallb.bgp.wire.ErrorCodes;
import io.metallb.bgp.wire.Keepalive;
import io.metallb.bgp.wire.Notification;
import io.metallb.bgp.wire.Open;
import io.metallb.bgp.wire.RouteRefresh;
import io.metallb.bgp.wire.PathAttribute;
import io.metallb.bgp.wire.Update;
import io.metallb.bgp.wire.WireOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One peer's session: runs {@link SessionFsm} on its event loop, carries out the actions, and keeps the peer's
 * routes equal to the desired ones by sending only differences. Every field is touched on {@link #loop} only;
 * other threads reach it through {@link #setRoutes}, {@link #start} and {@link #stop}, which hop onto the loop.
 * What other threads may read is published as an immutable {@link Snapshot}.
 *
 * <p>Connections the peer opens ({@link #accepted}) follow RFC 4271 §6.8: one arriving while no connection of
 * ours got as far as OpenSent becomes the session's connection; one arriving while ours is in OpenSent or
 * OpenConfirm is a <em>candidate</em> that gets our OPEN, and once the peer's OPEN on it gives the peer's BGP
 * Identifier, the connection initiated by the speaker with the higher Identifier survives and the other is closed
 * with Cease / Connection Collision Resolution; one arriving while Established is closed the same way.
 */
final class PeerSession {
    private static final System.Logger LOG = System.getLogger(PeerSession.class.getName());

    /** What {@code status()} may read from any thread. */
    record Snapshot(SessionState state, Set<IpPrefix> announced) {
    }

    private final BgpPeer peer;
    /** The {@code peer} label of the metrics: see {@link #metricLabel}. */
    private final String label;
    private final SessionConfig steady;
    private SessionConfig config;
    private final EventLoop loop;
    private final Connector connector;
    private final BgpCounters counters;
    private final MessageTap tap;
    private final Map<SessionAction.Timer, ScheduledFuture<?>> timers = new EnumMap<>(SessionAction.Timer.class);
    private final Map<SessionAction.Timer, Integer> generations = new EnumMap<>(SessionAction.Timer.class);
    private Channel channel;
    /** Whether {@link #channel} was opened by the peer. */
    private boolean channelInbound;
    /** A connection the peer opened while ours was in OpenSent/OpenConfirm, waiting for its OPEN. */
    private Channel candidate;
    private ScheduledFuture<?> candidateTimeout;
    private ChannelFuture lastClose;
    private Session session = Session.IDLE;
    private WireOptions options = WireOptions.INITIAL;
    private ScheduledFuture<?> restart;
    private boolean stopped;
    /** Octets of UPDATEs written between flushes during a sync. */
    private static final int WRITE_BATCH = 64 * 1024;

    private Map<IpPrefix, RouteAttributes> desired = Map.of();
    private Map<IpPrefix, RouteAttributes> sent = Map.of();
    private NextHops nextHops;
    private volatile Snapshot snapshot = new Snapshot(SessionState.IDLE, Set.of());

    /**
     * @param first the configuration of the first session (after a restart: with the Restart State bit)
     * @param steady the configuration once a session was Established
     */
    PeerSession(BgpPeer peer, SessionConfig first, SessionConfig steady, EventLoop loop, Connector connector,
            BgpCounters counters, MessageTap tap) {
        this.peer = peer;
        this.label = metricLabel(peer);
        this.config = first;
        this.steady = steady;
        this.loop = loop;
        this.connector = connector;
        this.counters = counters;
        this.tap = tap;
    }

    BgpPeer peer() {
        return peer;
    }

    /**
     * The peer as MetalLB's native speaker labels its {@code metallb_bgp_*} series: the address it dials,
     * {@code address:port}, IPv6 in brackets ({@code [2001:db8::1]:179}), so dashboards and alerts written for
     * MetalLB keep matching.
     */
    static String metricLabel(BgpPeer peer) {
        IpAddress a = peer.peerAddress();
        return (a.isV4() ? a.toString() : "[" + a + "]") + ":" + peer.peerPort();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    void start() {
        loop.execute(() -> fire(new SessionEvent.Start()));
    }

    /**
     * Makes the peer's routes equal {@code routes} (now if Established, else when it gets there).
     *
     * @param routes an unmodifiable map that nobody changes afterwards (as {@link Routes#forPeer} returns): the
     *     session keeps it without copying
     */
    void setRoutes(Map<IpPrefix, RouteAttributes> routes) {
        loop.execute(() -> {
            desired = routes;
            sync(false);
        });
    }

    /** Withdraws by closing with a Cease (RFC 8203 text) and never restarts; completes when the socket closed. */
    CompletableFuture<Void> stop(int ceaseSubcode, String reason) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            stopped = true;
            if (restart != null) {
                restart.cancel(false);
            }
            dropCandidate(Optional.of(ErrorCodes.PEER_DECONFIGURED));
            fire(new SessionEvent.Stop(ceaseSubcode, Optional.of(reason)));
            if (lastClose == null) {
                done.complete(null);
            } else {
                lastClose.addListener(f -> done.complete(null));
            }
        });
        return done;
    }

    /** A whole message from a connection: shown to the tap, decoded, and handled as an event. */
    void frame(Channel from, byte[] bytes) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> frame(from, bytes));
            return;
        }
        WireOptions with = from == channel ? options : WireOptions.INITIAL;
        tap.received(peer.name(), bytes, with);
        SessionEvent event;
        try {
            event = toEvent(BgpMessageCodec.decode(bytes, with));
        } catch (BgpException e) {
            event = new SessionEvent.MessageError(e.error());
        }
        fromChannel(from, event);
    }

    private static SessionEvent toEvent(Decoded d) {
        BgpMessage m = d.message();
        if (m instanceof Open o) {
            return new SessionEvent.OpenReceived(o);
        }
        if (m instanceof Update) {
            return new SessionEvent.UpdateReceived(d);
        }
        if (m instanceof Keepalive) {
            return new SessionEvent.KeepaliveReceived();
        }
        if (m instanceof Notification n) {
            return new SessionEvent.NotificationReceived(n);
        }
        return new SessionEvent.RouteRefreshReceived((RouteRefresh) m);
    }

    /** An event from a connection; events of a connection this session already let go are dropped. */
    void fromChannel(Channel from, SessionEvent event) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> fromChannel(from, event));
        } else if (from == channel) {
            fire(event);
        } else if (from == candidate) {
            fromCandidate(event);
        }
    }

    /** A connection the peer opened to our listening socket (any thread). */
    void accepted(Channel ch) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> accepted(ch));
            return;
        }
        SessionState state = session.state();
        if (stopped) {
            reject(ch, ErrorCodes.CONNECTION_REJECTED);
        } else if (state == SessionState.ESTABLISHED) {
            LOG.log(System.Logger.Level.INFO, () -> peer.name() + ": connection from the peer while Established: "
                    + "closed (collision)");
            reject(ch, ErrorCodes.CONNECTION_COLLISION_RESOLUTION);
        } else if (state == SessionState.OPEN_SENT || state == SessionState.OPEN_CONFIRM) {
            dropCandidate(Optional.of(ErrorCodes.CONNECTION_COLLISION_RESOLUTION));
            candidate = ch;
            writeTo(ch, config.open(), WireOptions.INITIAL);
            candidateTimeout = loop.schedule(() -> {
                if (candidate == ch) {
                    dropCandidate(Optional.empty());
                }
            }, SessionConfig.OPEN_HOLD_TIME.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            adopt(ch);
            fire(new SessionEvent.TcpConnected());
        }
    }

    /** Makes {@code ch} the session's connection, letting go of a dial in progress; state Active. */
    private void adopt(Channel ch) {
        if (restart != null) {
            restart.cancel(false);
        }
        Channel previous = channel;
        channel = null;
        if (previous != null) {
            previous.close();
        }
        channel = ch;
        channelInbound = true;
        if (session.state() == SessionState.IDLE) {
            session = new Session(SessionState.ACTIVE, session.failures(), Optional.empty());
        }
    }

    private void fromCandidate(SessionEvent event) {
        if (!(event instanceof SessionEvent.OpenReceived o)) {
            dropCandidate(event instanceof SessionEvent.MessageError || event instanceof SessionEvent.TcpFailed
                    || event instanceof SessionEvent.NotificationReceived ? Optional.empty()
                    : Optional.of(ErrorCodes.CONNECTION_COLLISION_RESOLUTION));
            return;
        }
        SessionState state = session.state();
        boolean sessionHasConnection = state == SessionState.OPEN_SENT || state == SessionState.OPEN_CONFIRM;
        if (state == SessionState.ESTABLISHED) {
            dropCandidate(Optional.of(ErrorCodes.CONNECTION_COLLISION_RESOLUTION));
            return;
        }
        // RFC 4271 §6.8: the connection initiated by the speaker with the higher BGP Identifier survives.
        boolean keepOurs = sessionHasConnection && !channelInbound
                && Collision.survivor(config.routerId(), o.open().bgpId()) == Collision.Survivor.OUTBOUND;
        if (keepOurs) {
            LOG.log(System.Logger.Level.INFO, () -> peer.name() + ": collision, keeping our connection");
            dropCandidate(Optional.of(ErrorCodes.CONNECTION_COLLISION_RESOLUTION));
            return;
        }
        LOG.log(System.Logger.Level.INFO, () -> peer.name() + ": collision, keeping the peer's connection");
        Channel ch = candidate;
        forgetCandidate();
        if (sessionHasConnection) {
            Channel ours = channel;
            channel = null;
            reject(ours, ErrorCodes.CONNECTION_COLLISION_RESOLUTION);
        }
        for (SessionAction.Timer t : SessionAction.Timer.values()) {
            stopTimer(t);
        }
        adopt(ch);
        // Our OPEN already went out on it: the session is in OpenSent there.
        session = new Session(SessionState.OPEN_SENT, session.failures(), Optional.empty());
        fire(o);
    }

    private void forgetCandidate() {
        candidate = null;
        if (candidateTimeout != null) {
            candidateTimeout.cancel(false);
            candidateTimeout = null;
        }
    }

    /** Closes the candidate connection, with a Cease of {@code subcode} if given. */
    private void dropCandidate(Optional<Integer> ceaseSubcode) {
        Channel ch = candidate;
        if (ch == null) {
            return;
        }
        forgetCandidate();
        if (ceaseSubcode.isPresent()) {
            reject(ch, ceaseSubcode.get());
        } else {
            ch.close();
        }
    }

    /** Sends Cease with {@code subcode} on a connection that is not the session's, then closes it. */
    private void reject(Channel ch, int subcode) {
        byte[] bytes = BgpMessageCodec.encode(new Notification(ErrorCodes.CEASE, subcode, Bytes.EMPTY),
                WireOptions.INITIAL);
        ch.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(f -> ch.close());
    }

    private void writeTo(Channel ch, BgpMessage m, WireOptions with) {
        ch.writeAndFlush(Unpooled.wrappedBuffer(BgpMessageCodec.encode(m, with)));
    }

    private void fire(SessionEvent event) {
        SessionState before = session.state();
        Transition t = SessionFsm.step(config, session, event);
        session = t.session();
        options = session.negotiated().map(Negotiated::wireOptions).orElse(WireOptions.INITIAL);
        if (before != session.state()) {
            LOG.log(System.Logger.Level.DEBUG, () -> peer.name() + ": " + before + " -> " + session.state()
                    + " on " + event.getClass().getSimpleName());
        }
        for (SessionAction a : t.actions()) {
            run(a);
        }
        publish();
    }

    private void run(SessionAction a) {
        if (a instanceof SessionAction.Connect) {
            connect();
        } else if (a instanceof SessionAction.CloseConnection) {
            Channel c = channel;
            channel = null;
            if (c != null) {
                lastClose = c.close();
            }
        } else if (a instanceof SessionAction.SendOpen) {
            write(config.open(), true);
        } else if (a instanceof SessionAction.SendKeepalive) {
            write(Keepalive.INSTANCE, true);
        } else if (a instanceof SessionAction.SendNotification n) {
            LOG.log(System.Logger.Level.INFO, () -> peer.name() + ": sending " + n.notification());
            write(n.notification(), true);
        } else if (a instanceof SessionAction.StartTimer s) {
            startTimer(s.timer(), s.after());
        } else if (a instanceof SessionAction.StopTimer s) {
            stopTimer(s.timer());
        } else if (a instanceof SessionAction.ScheduleRestart r) {
            if (!stopped) {
                restart = loop.schedule(() -> fire(new SessionEvent.Start()), r.after().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        } else if (a instanceof SessionAction.SessionUp) {
            LOG.log(System.Logger.Level.INFO, () -> peer.name() + ": established");
            config = steady; // RFC 4724 §4.1: the Restart State bit only in the OPEN right after a restart
            counters.sessionUp(label, true);
            sent = Map.of();
            nextHops = null;
            sync(true);
        } else if (a instanceof SessionAction.SessionDown d) {
            LOG.log(System.Logger.Level.INFO, () -> peer.name() + ": down: " + d.reason());
            counters.sessionUp(label, false);
            sent = Map.of();
        } else if (a instanceof SessionAction.UpdateReceived) {
            counters.updatesReceived(label, 1);
        } else if (a instanceof SessionAction.ResendRoutes) {
            sent = Map.of();
            sync(false);
        }
    }

    private void connect() {
        ChannelFuture f = connector.connect(peer, loop, new SessionHandler(this));
        channel = f.channel();
        channelInbound = false;
        f.addListener(done -> {
            if (f.channel() != channel) {
                return;
            }
            if (done.isSuccess()) {
                fire(new SessionEvent.TcpConnected());
            } else {
                fire(new SessionEvent.TcpFailed(String.valueOf(done.cause())));
            }
        });
    }

    /** Returns the octets written (0 without a connection). */
    private int write(BgpMessage m, boolean flush) {
        if (channel == null) {
            return 0;
        }
        byte[] bytes = BgpMessageCodec.encode(m, options);
        var buf = Unpooled.wrappedBuffer(bytes);
        if (flush) {
            channel.writeAndFlush(buf);
        } else {
            channel.write(buf);
        }
        return bytes.length;
    }

    private void startTimer(SessionAction.Timer timer, Duration after) {
        stopTimer(timer);
        if (after.isZero()) {
            return;
        }
        int generation = generations.getOrDefault(timer, 0);
        timers.put(timer, loop.schedule(() -> {
            if (generations.getOrDefault(timer, 0) == generation) { // not a cancelled timer's late run
                fire(switch (timer) {
                    case CONNECT_RETRY -> new SessionEvent.ConnectRetryTimerExpired();
                    case HOLD -> new SessionEvent.HoldTimerExpired();
                    case KEEPALIVE -> new SessionEvent.KeepaliveTimerExpired();
                });
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void stopTimer(SessionAction.Timer timer) {
        generations.merge(timer, 1, Integer::sum);
        ScheduledFuture<?> f = timers.remove(timer);
        if (f != null) {
            f.cancel(false);
        }
    }

    /**
     * Sends the difference between what the peer has and what it should have; End-of-RIB after the first. Plain
     * loops over the whole set (it may hold 100,000 routes, on a loop that has not been compiled yet): only the
     * changed prefixes are sorted, and the maps are kept, not copied.
     */
    private void sync(boolean initial) {
        if (session.state() != SessionState.ESTABLISHED || channel == null) {
            counters.pendingPrefixes(label, desired.size());
            return;
        }
        Negotiated n = session.negotiated().orElseThrow();
        RouteDiff diff = RouteDiff.between(desired, sent, n.families().contains(AfiSafi.IPV4_UNICAST),
                n.families().contains(AfiSafi.IPV6_UNICAST), routeBuilder(n), nextHops().v6(), options);
        Map<IpPrefix, RouteAttributes> sendable = diff.sendable();
        List<Update> updates = new ArrayList<>(diff.updates());
        if (initial) {
            n.families().stream().filter(AfiSafi::isIpUnicast).sorted(java.util.Comparator.comparing(AfiSafi::afi))
                    .forEach(f -> updates.add(Update.endOfRib(f)));
        }
        // Flushed every WRITE_BATCH octets, so the peer works on the first UPDATEs while the rest are encoded.
        int unflushed = 0;
        for (Update u : updates) {
            unflushed += write(u, false);
            if (unflushed >= WRITE_BATCH) {
                channel.flush();
                unflushed = 0;
            }
        }
        channel.flush();
        sent = sendable;
        counters.updatesSent(label, updates.size());
        counters.prefixesAnnounced(label, sent.size());
        counters.pendingPrefixes(label, desired.size() - sendable.size());
        publish();
    }

    private RouteBuilder routeBuilder(Negotiated n) {
        boolean internal = n.peerOpen().asn() == config.localAsn();
        return new RouteBuilder(config.localAsn(), internal, nextHops().v4());
    }

    /** Chosen once per connection (the interface lookup is a system call); see {@link NextHops}. */
    private NextHops nextHops() {
        if (nextHops == null) {
            InetAddress local = localAddress();
            nextHops = NextHops.choose(IpAddress.ofBytes(local.getAddress()), interfaceAddresses(local),
                    IpAddress.ofV4((int) config.routerId()));
        }
        return nextHops;
    }

    private static List<IpAddress> interfaceAddresses(InetAddress local) {
        try {
            NetworkInterface nic = NetworkInterface.getByInetAddress(local);
            if (nic == null) {
                return List.of();
            }
            return nic.inetAddresses().map(a -> IpAddress.ofBytes(a.getAddress())).toList();
        } catch (SocketException e) {
            LOG.log(System.Logger.Level.WARNING, "interface of " + local + " unknown: " + e);
            return List.of();
        }
    }

    private InetAddress localAddress() {
        return ((InetSocketAddress) channel.localAddress()).getAddress();
    }

    private void publish() {
        Set<IpPrefix> announced = session.state() == SessionState.ESTABLISHED ? sent.keySet() : Set.of();
        // By identity: the announced set is the session's own unmodifiable map's key set, replaced on change.
        if (snapshot.state() != session.state() || snapshot.announced() != announced) {
            snapshot = new Snapshot(session.state(), announced);
        }
    }
}
