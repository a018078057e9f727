package io.metallb.distribution.demo;

import io.metallb.api.config.BgpCommunity;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpPrefix;
import io.metallb.bgp.fsm.Session;
import io.metallb.bgp.fsm.SessionAction;
import io.metallb.bgp.fsm.SessionConfig;
import io.metallb.bgp.fsm.SessionEvent;
import io.metallb.bgp.fsm.SessionFsm;
import io.metallb.bgp.fsm.SessionState;
import io.metallb.bgp.fsm.Transition;
import io.metallb.bgp.wire.Attribute;
import io.metallb.bgp.wire.BgpException;
import io.metallb.bgp.wire.BgpMessage;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.Decoded;
import io.metallb.bgp.wire.Keepalive;
import io.metallb.bgp.wire.Notification;
import io.metallb.bgp.wire.Open;
import io.metallb.bgp.wire.RouteRefresh;
import io.metallb.bgp.wire.Update;
import io.metallb.bgp.wire.WireOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One accepted session of the demo's BGP router: metallb-bgp's {@link SessionFsm} on the passive side (the
 * connection is already up, so Start and TcpConnected arrive together and the FSM's Connect is moot), and the
 * Adj-RIB-In of that session. Runs on the channel's event loop only; what others may read is published through
 * {@code publish} as an immutable map, empty once the session is down (its routes are then withdrawn).
 */
final class PeerConnection extends ChannelInboundHandlerAdapter {

    private final SessionConfig config;
    private final BiConsumer<PeerConnection, Map<IpPrefix, ReceivedRoute>> publish;
    private final Map<SessionAction.Timer, ScheduledFuture<?>> timers = new EnumMap<>(SessionAction.Timer.class);
    private final Map<IpPrefix, ReceivedRoute> rib = new HashMap<>();
    private ChannelHandlerContext ctx;
    private Session session = Session.IDLE;
    private WireOptions options = WireOptions.INITIAL;
    private ReceivedRoute.SessionKey from;

    PeerConnection(SessionConfig config, BiConsumer<PeerConnection, Map<IpPrefix, ReceivedRoute>> publish) {
        this.config = config;
        this.publish = publish;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        ctx = context;
        fire(new SessionEvent.Start());
        fire(new SessionEvent.TcpConnected());
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
        SessionEvent event;
        try {
            event = toEvent(BgpMessageCodec.decode(bytes, options));
        } catch (BgpException e) {
            event = new SessionEvent.MessageError(e.error()); // the FSM answers with the RFC's NOTIFICATION
        }
        fire(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        fire(new SessionEvent.TcpFailed("connection closed"));
        timers.values().forEach(f -> f.cancel(false));
        withdrawAll();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        // A bad length field (the framer's exception) or an I/O error: the session ends, never the router.
        fire(new SessionEvent.TcpFailed(String.valueOf(cause)));
        context.close();
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

    private void fire(SessionEvent event) {
        if (event instanceof SessionEvent.OpenReceived o && session.state() == SessionState.OPEN_SENT) {
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            long id = o.open().bgpId();
            from = new ReceivedRoute.SessionKey(IpAddress.ofBytes(remote.getAddress().getAddress()),
                    remote.getPort(), IpAddress.ofV4((int) id).toString(), o.open().asn());
        }
        Transition t = SessionFsm.step(config, session, event);
        session = t.session();
        options = session.negotiated().map(n -> n.wireOptions()).orElse(WireOptions.INITIAL);
        t.actions().forEach(this::run);
    }

    private void run(SessionAction a) {
        if (a instanceof SessionAction.SendOpen) {
            write(config.open());
        } else if (a instanceof SessionAction.SendKeepalive) {
            write(Keepalive.INSTANCE);
        } else if (a instanceof SessionAction.SendNotification n) {
            write(n.notification());
        } else if (a instanceof SessionAction.CloseConnection) {
            ctx.close();
        } else if (a instanceof SessionAction.StartTimer s) {
            startTimer(s.timer(), s.after().toMillis());
        } else if (a instanceof SessionAction.StopTimer s) {
            stopTimer(s.timer());
        } else if (a instanceof SessionAction.UpdateReceived u) {
            receive(u.update());
        } else if (a instanceof SessionAction.SessionDown) {
            withdrawAll();
        }
        // Connect (already connected), ScheduleRestart (the speaker redials), SessionUp, ResendRoutes (this
        // router announces nothing): nothing to do on the passive side.
    }

    private void write(BgpMessage m) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(BgpMessageCodec.encode(m, options)));
    }

    private void startTimer(SessionAction.Timer timer, long millis) {
        stopTimer(timer);
        if (millis == 0) {
            return;
        }
        List<ScheduledFuture<?>> self = new ArrayList<>(1);
        self.add(ctx.executor().schedule(() -> {
            if (timers.get(timer) == self.get(0)) { // not a timer cancelled after it was due
                timers.remove(timer);
                fire(switch (timer) {
                    case CONNECT_RETRY -> new SessionEvent.ConnectRetryTimerExpired();
                    case HOLD -> new SessionEvent.HoldTimerExpired();
                    case KEEPALIVE -> new SessionEvent.KeepaliveTimerExpired();
                });
            }
        }, millis, TimeUnit.MILLISECONDS));
        timers.put(timer, self.get(0));
    }

    private void stopTimer(SessionAction.Timer timer) {
        ScheduledFuture<?> f = timers.remove(timer);
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Applies one UPDATE to this session's routes (RFC 4271 §9; RFC 4760 for IPv6; RFC 7606 §2). */
    private void receive(Decoded d) {
        Update u = (Update) d.message();
        List<IpPrefix> withdrawn = new ArrayList<>(u.withdrawn());
        u.attribute(Attribute.MpUnreach.class).ifPresent(m -> withdrawn.addAll(m.withdrawn()));
        withdrawn.forEach(rib::remove);
        Map<IpPrefix, IpAddress> reached = new HashMap<>();
        u.attribute(Attribute.NextHop.class)
                .ifPresent(nh -> u.nlri().forEach(p -> reached.put(p, nh.address())));
        u.attribute(Attribute.MpReach.class)
                .ifPresent(m -> m.nlri().forEach(p -> reached.put(p, m.nextHops().get(0))));
        if (d.treatAsWithdraw()) {
            reached.keySet().forEach(rib::remove);
        } else {
            OptionalLong pref = u.attribute(Attribute.LocalPref.class)
                    .map(l -> OptionalLong.of(l.value())).orElse(OptionalLong.empty());
            List<String> communities = new ArrayList<>();
            u.attribute(Attribute.Communities.class)
                    .ifPresent(c -> c.values().forEach(v -> communities.add(v.toString())));
            u.attribute(Attribute.LargeCommunities.class)
                    .ifPresent(c -> c.values().forEach((BgpCommunity.Large v) -> communities.add(v.toString())));
            reached.forEach((p, nh) -> rib.put(p, new ReceivedRoute(p, nh, pref, communities, from)));
        }
        publish.accept(this, Map.copyOf(rib));
    }

    private void withdrawAll() {
        rib.clear();
        publish.accept(this, Map.of());
    }
}
