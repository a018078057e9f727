package io.metallb.bgp.speaker;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The event loops every session runs on: epoll where the native transport loads (needed for TCP-MD5 and TTL),
 * NIO otherwise.
 */
record Transport(EventLoopGroup group, Class<? extends Channel> channelType,
        Class<? extends ServerChannel> serverChannelType, boolean epoll) {

    static Transport create(int threads) {
        if (Epoll.isAvailable()) {
            return new Transport(new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory()),
                    EpollSocketChannel.class, EpollServerSocketChannel.class, true);
        }
        return new Transport(new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory()),
                NioSocketChannel.class, NioServerSocketChannel.class, false);
    }

    void close() {
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
