package io.metallb.bgp.speaker;

import io.metallb.api.config.BgpPeer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Dials a peer with its socket options: source address, TTL (1 for single-hop eBGP, 255 for multihop, RFC 4271
 * and GTSM-style practice), TCP-MD5 (RFC 2385). TTL and MD5 need the epoll transport.
 */
final class Connector {
    private static final int IPPROTO_IP = 0;
    private static final int IP_TTL = 2;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_UNICAST_HOPS = 16;
    private static final IntegerUnixChannelOption TTL_V4 = new IntegerUnixChannelOption("IP_TTL", IPPROTO_IP, IP_TTL);
    private static final IntegerUnixChannelOption TTL_V6 =
            new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", IPPROTO_IPV6, IPV6_UNICAST_HOPS);

    private final Transport transport;
    private final int connectTimeoutMillis;

    Connector(Transport transport, int connectTimeoutMillis) {
        this.transport = transport;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    ChannelFuture connect(BgpPeer peer, EventLoop loop, ChannelHandler session) {
        InetAddress remote = inet(peer.peerAddress().toBytes());
        Bootstrap b = new Bootstrap().group(loop).channel(transport.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new BgpFrameDecoder(), session);
                    }
                });
        if (transport.epoll()) {
            int ttl = ttl(peer);
            if (ttl > 0) {
                b.option(peer.peerAddress().isV4() ? TTL_V4 : TTL_V6, ttl);
            }
            peer.password().ifPresent(p -> b.option(EpollChannelOption.TCP_MD5SIG,
                    Map.of(remote, p.getBytes(StandardCharsets.US_ASCII))));
        }
        InetSocketAddress to = new InetSocketAddress(remote, peer.peerPort());
        return peer.sourceAddress()
                .map(s -> b.connect(to, new InetSocketAddress(inet(s.toBytes()), 0)))
                .orElseGet(() -> b.connect(to));
    }

    /**
     * Gives a connection the peer opened the same TTL a dialled one gets (the listening socket cannot know the
     * peer before the connection arrives); epoll only, like the dialled case.
     */
    static void applyTtl(Channel accepted, BgpPeer peer) {
        int ttl = ttl(peer);
        if (ttl > 0) {
            accepted.config().setOption(peer.peerAddress().isV4() ? TTL_V4 : TTL_V6, ttl);
        }
    }

    /** 1 for a directly connected eBGP peer, 255 for multihop; 0 (system default) for iBGP. */
    static int ttl(BgpPeer peer) {
        if (peer.isInternal()) {
            return 0;
        }
        return peer.ebgpMultiHop() ? 255 : 1;
    }

    private static InetAddress inet(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
