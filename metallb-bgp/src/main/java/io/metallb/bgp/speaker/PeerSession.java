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
import io.metallb.bgp.wire.AfiSafi;
import io.metallb.bgp.wire.BgpMessage;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.Keepalive;
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
import java.util.EnumMap;
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
 */
final class PeerSession {
    private static final System.Logger LOG = System.getLogger(PeerSession.class.getName());

    /** What {@code status()} may read from any thread. */
    record Snapshot(SessionState state, Set<IpPrefix> announced) {
    }

    private final BgpPeer peer;
    private final SessionConfig config;
    private final EventLoop loop;
    private final Connector connector;
    private final BgpCounters counters;
    private final Map<SessionAction.Timer, ScheduledFuture<?>> timers = new EnumMap<>(SessionAction.Timer.class);
    private final Map<SessionAction.Timer, Integer> generations = new EnumMap<>(SessionAction.Timer.class);
    private Channel channel;
    private ChannelFuture lastClose;
    private Session session = Session.IDLE;
    private WireOptions options = WireOptions.INITIAL;
    private ScheduledFuture<?> restart;
    private boolean stopped;
    private Map<IpPrefix, RouteAttributes> desired = Map.of();
    private Map<IpPrefix, RouteAttributes> sent = Map.of();
    private NextHops nextHops;
    private volatile Snapshot snapshot = new Snapshot(SessionState.IDLE, Set.of());

    PeerSession(BgpPeer peer, SessionConfig config, EventLoop loop, Connector connector, BgpCounters counters) {
        this.peer = peer;
        this.config = config;
        this.loop = loop;
        this.connector = connector;
        this.counters = counters;
    }

    BgpPeer peer() {
        return peer;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    void start() {
        loop.execute(() -> fire(new SessionEvent.Start()));
    }

    /** Makes the peer's routes equal {@code routes} (now if Established, else when it gets there). */
    void setRoutes(Map<IpPrefix, RouteAttributes> routes) {
        Map<IpPrefix, RouteAttributes> copy = Map.copyOf(routes);
        loop.execute(() -> {
            desired = copy;
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
            fire(new SessionEvent.Stop(ceaseSubcode, Optional.of(reason)));
            if (lastClose == null) {
                done.complete(null);
            } else {
                lastClose.addListener(f -> done.complete(null));
            }
        });
        return done;
    }

    WireOptions wireOptions() {
        return options;
    }

    /** An event from a channel; events of a channel this session already let go are dropped. */
    void fromChannel(Channel from, SessionEvent event) {
        if (from == channel) {
            fire(event);
        }
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
            counters.sessionUp(peer.name(), true);
            sent = Map.of();
            nextHops = null;
            sync(true);
        } else if (a instanceof SessionAction.SessionDown d) {
            LOG.log(System.Logger.Level.INFO, () -> peer.name() + ": down: " + d.reason());
            counters.sessionUp(peer.name(), false);
            sent = Map.of();
        } else if (a instanceof SessionAction.UpdateReceived) {
            counters.updatesReceived(peer.name(), 1);
        } else if (a instanceof SessionAction.ResendRoutes) {
            sent = Map.of();
            sync(false);
        }
    }

    private void connect() {
        ChannelFuture f = connector.connect(peer, loop, new SessionHandler(this));
        channel = f.channel();
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

    private void write(BgpMessage m, boolean flush) {
        if (channel == null) {
            return;
        }
        var buf = Unpooled.wrappedBuffer(BgpMessageCodec.encode(m, options));
        if (flush) {
            channel.writeAndFlush(buf);
        } else {
            channel.write(buf);
        }
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

    /** Sends the difference between what the peer has and what it should have; End-of-RIB after the first. */
    private void sync(boolean initial) {
        if (session.state() != SessionState.ESTABLISHED || channel == null) {
            counters.pendingPrefixes(peer.name(), desired.size());
            return;
        }
        Negotiated n = session.negotiated().orElseThrow();
        Map<IpPrefix, RouteAttributes> sendable = new LinkedHashMap<>();
        desired.forEach((p, a) -> {
            if (n.families().contains(p.family() == IpFamily.IPV4 ? AfiSafi.IPV4_UNICAST : AfiSafi.IPV6_UNICAST)) {
                sendable.put(p, a);
            }
        });
        List<IpPrefix> withdrawn = sent.keySet().stream().filter(p -> !sendable.containsKey(p)).sorted().toList();
        RouteBuilder builder = routeBuilder(n);
        Map<IpPrefix, List<PathAttribute>> announced = new LinkedHashMap<>();
        sendable.entrySet().stream().filter(e -> !e.getValue().equals(sent.get(e.getKey())))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> announced.put(e.getKey(), builder.attributes(e.getValue())));
        List<Update> updates = new ArrayList<>(UpdatePacker.pack(withdrawn, announced, nextHops().v6(), options));
        if (initial) {
            n.families().stream().filter(AfiSafi::isIpUnicast).sorted(java.util.Comparator.comparing(AfiSafi::afi))
                    .forEach(f -> updates.add(Update.endOfRib(f)));
        }
        updates.forEach(u -> write(u, false));
        channel.flush();
        sent = Map.copyOf(sendable);
        counters.updatesSent(peer.name(), updates.size());
        counters.prefixesAnnounced(peer.name(), sent.size());
        counters.pendingPrefixes(peer.name(), desired.size() - sendable.size());
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
        Snapshot next = new Snapshot(session.state(), announced);
        if (!next.equals(snapshot)) {
            snapshot = next;
        }
    }
}
