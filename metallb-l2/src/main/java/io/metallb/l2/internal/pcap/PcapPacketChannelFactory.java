package io.metallb.l2.internal.pcap;

import io.metallb.l2.channel.PacketChannel;
import io.metallb.l2.channel.PacketChannelException;
import io.metallb.l2.channel.PacketChannelFactory;
import io.metallb.l2.internal.InterfaceMac;
import io.metallb.l2.wire.MacAddress;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.PcapDirection;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;

/**
 * Opens pcap4j channels. Each channel holds a receive handle in immediate mode (without it libpcap delivers in
 * blocks and a reply waits for the read timeout), with a BPF filter and direction IN so Java sees only what it
 * might answer, and a second handle for sending (so a send never waits behind the blocked receive loop).
 */
public final class PcapPacketChannelFactory implements PacketChannelFactory {

    private final boolean realtime;

    /** @param realtime whether capture threads ask for SCHED_FIFO (see {@code ReceivePriority}) */
    public PcapPacketChannelFactory(boolean realtime) {
        this.realtime = realtime;
    }

    /**
     * ARP requests (opcode at ARP offset 6), or ICMPv6 neighbour solicitations (type at IPv6 offset 40: NDP
     * never carries extension headers, RFC 4861 §7.1).
     */
    public static final String FILTER = "(arp and arp[6:2] = 1) or (icmp6 and ip6[40] = 135)";

    private static final int SNAPLEN = 256;
    private static final int READ_TIMEOUT_MILLIS = 100;
    /** Kernel ring for bursts of requests (a request flood measured 22 % loss with the 2 MB default). */
    private static final int BUFFER_BYTES = 16 << 20;

    @Override
    public PacketChannel open(String interfaceName) {
        MacAddress mac = InterfaceMac.of(interfaceName);
        PcapHandle receive = null;
        try {
            receive = handle(interfaceName, BUFFER_BYTES);
            receive.setFilter(FILTER, BpfCompileMode.OPTIMIZE);
            receive.setDirection(PcapDirection.IN);
            return new PcapPacketChannel(interfaceName, mac, receive, handle(interfaceName, 1 << 20), realtime);
        } catch (PcapNativeException | NotOpenException e) {
            if (receive != null) {
                receive.close();
            }
            throw explain(interfaceName, e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new PacketChannelException("libpcap could not be loaded (install libpcap0.8 on Debian/Ubuntu, "
                    + "libpcap on Fedora/Alpine): " + e.getMessage(), e);
        }
    }

    /** Loads libpcap now, so a missing library is reported at start and not at the first address. */
    public static void requireLibpcap() {
        try {
            org.pcap4j.core.Pcaps.libVersion();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new PacketChannelException("libpcap could not be loaded (install libpcap0.8 on Debian/Ubuntu, "
                    + "libpcap on Fedora/Alpine): " + e.getMessage(), e);
        }
    }

    private static PcapHandle handle(String name, int bufferBytes) throws PcapNativeException {
        return new PcapHandle.Builder(name).snaplen(SNAPLEN).promiscuousMode(PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis(READ_TIMEOUT_MILLIS).immediateMode(true).bufferSize(bufferBytes).build();
    }

    private static PacketChannelException explain(String name, Exception e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("Operation not permitted") || msg.contains("ermission")) {
            return new PacketChannelException("no permission to capture on " + name + ": the speaker needs "
                    + "CAP_NET_RAW (run as root, or add NET_RAW to the container's capabilities): " + msg, e);
        }
        return new PacketChannelException("cannot open " + name + " with libpcap: " + msg, e);
    }
}
