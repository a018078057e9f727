package io.metallb.l2.internal.packet;

import io.metallb.l2.channel.PacketChannel;
import io.metallb.l2.channel.PacketChannelException;
import io.metallb.l2.channel.PacketChannelFactory;
import io.metallb.l2.internal.InterfaceMac;

/**
 * Opens {@link AfPacketChannel}s: the default back end (see {@link io.metallb.l2.Layer2AnnouncerProvider}). Linux
 * only; needs CAP_NET_RAW and libc, nothing else (no libpcap).
 */
public final class AfPacketChannelFactory implements PacketChannelFactory {

    private final boolean realtime;

    /** @param realtime whether receive threads ask for SCHED_FIFO ({@link ReceivePriority}) */
    public AfPacketChannelFactory(boolean realtime) {
        this.realtime = realtime;
    }

    @Override
    public PacketChannel open(String interfaceName) {
        return new AfPacketChannel(interfaceName, InterfaceMac.of(interfaceName),
                AfPacketSocket.open(interfaceName, SocketFilter.requests()), realtime);
    }

    /** Links the libc calls now, so a platform without them is reported at start and not at the first address. */
    public static void requireNative() {
        try {
            Class.forName(LinuxSockets.class.getName(), true, LinuxSockets.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PacketChannelException("AF_PACKET sockets are not available (Linux with libc is required; "
                    + "set layer2.packet-backend=pcap to use libpcap): " + e, e);
        }
    }
}
