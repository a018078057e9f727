package io.metallb.distribution.demo;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpPrefix;
import io.metallb.bgp.fsm.SessionConfig;
import io.metallb.bgp.wire.AfiSafi;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.Capability;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The demo's BGP router: listens on 127.0.0.1 at an ephemeral port, accepts a session from every speaker that
 * dials it (each run by metallb-bgp's session FSM, see {@link PeerConnection}) and keeps the routes each session
 * holds. Speaks only to loopback; announces nothing.
 */
final class DemoPeer implements AutoCloseable {

    private static final Duration HOLD_TIME = Duration.ofSeconds(90);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<PeerConnection, Map<IpPrefix, ReceivedRoute>> ribs = new ConcurrentHashMap<>();
    private final long asn;
    private final Channel server;

    /**
     * Starts listening.
     *
     * @param asn this router's AS (the BGPPeer's peerASN)
     * @param speakersAsn the AS the speakers must open with (the BGPPeer's myASN); another gets Bad Peer AS
     * @param routerId this router's BGP identifier
     */
    DemoPeer(long asn, long speakersAsn, IpAddress routerId) throws InterruptedException {
        this.asn = asn;
        SessionConfig config = new SessionConfig(asn, OptionalLong.of(speakersAsn), Optional.empty(),
                routerId.low(), HOLD_TIME,
                HOLD_TIME.dividedBy(3), Duration.ofSeconds(5),
                List.of(new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST),
                        new Capability.Multiprotocol(AfiSafi.IPV6_UNICAST), new Capability.RouteRefresh(),
                        new Capability.ExtendedMessage(), new Capability.FourOctetAs(asn)));
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // RFC 4271 §4.1: frames cut by the header's length field.
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(65535,
                                BgpMessageCodec.LENGTH_OFFSET, 2, -(BgpMessageCodec.LENGTH_OFFSET + 2), 0),
                                new PeerConnection(config, DemoPeer.this::publish));
                    }
                })
                .bind(new InetSocketAddress(DemoExamples.ROUTER_ADDRESS, 0)).sync().channel();
    }

    private void publish(PeerConnection session, Map<IpPrefix, ReceivedRoute> rib) {
        if (rib.isEmpty()) {
            ribs.remove(session);
        } else {
            ribs.put(session, rib);
        }
    }

    /** The port it listens on (127.0.0.1). */
    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    long asn() {
        return asn;
    }

    /** Every route of every session now up, unsorted. */
    List<ReceivedRoute> routes() {
        List<ReceivedRoute> out = new ArrayList<>();
        ribs.values().forEach(rib -> out.addAll(rib.values()));
        return out;
    }

    /** Stops listening and closes every session. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
