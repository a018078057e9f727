package io.metallb.l2.channel;

/** Opens {@link PacketChannel}s by interface name. */
public interface PacketChannelFactory {

    /**
     * Opens a channel on {@code interfaceName}.
     *
     * @throws PacketChannelException when the interface cannot be opened, naming why (no libpcap, no
     *     CAP_NET_RAW, no such interface)
     */
    PacketChannel open(String interfaceName);
}
