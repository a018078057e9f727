package io.metallb.l2;

import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;
import io.metallb.l2.channel.PacketChannelException;
import io.metallb.l2.internal.Layer2Announcer;
import io.metallb.l2.internal.Layer2Settings;
import io.metallb.l2.internal.NetRawCheck;
import io.metallb.l2.channel.PacketChannelFactory;
import io.metallb.l2.internal.packet.AfPacketChannelFactory;
import io.metallb.l2.internal.pcap.PcapPacketChannelFactory;
import java.nio.file.Path;

/**
 * The {@code layer2} protocol: answers ARP and NDP for the addresses this node was elected for.
 * The speaker has already run the election ({@link io.metallb.api.node.L2Election}); each
 * {@link Announcer#apply} carries exactly the addresses this node owns.
 *
 * <p>Options ({@link AnnouncerContext#options()}): {@code layer2.exclude-interfaces} (comma-separated name
 * regexes), {@code layer2.reannounce-seconds} (default 240, 0 = off), {@code layer2.packet-backend}:
 * <ul>
 *   <li>{@code af-packet} (default): a Linux AF_PACKET raw socket per interface, driven through JNA direct
 *       mapping, with an in-kernel socket filter narrowed to the owned addresses. Needs only libc and CAP_NET_RAW.
 *       Chosen as default because it answers faster and sustains more replies per second than libpcap in the
 *       namespace benchmark (docs/benchmarks-layer2.md) and passes every namespace test;</li>
 *   <li>{@code pcap}: pcap4j over libpcap (immediate mode, BPF filter, direction IN), for platforms or setups
 *       where libpcap is preferred. Needs libpcap.</li>
 * </ul>
 * {@code layer2.receive-priority}: {@code realtime} (default: each interface's receive thread runs SCHED_FIFO at a
 * low real-time priority, as keepalived's VRRP does, so a busy host does not delay answers by milliseconds; without
 * CAP_SYS_NICE it warns and stays normal) or {@code normal}.
 * {@code layer2.kernel-responder}: {@code auto} (default: ARP, and neighbour solicitations of the usual shape, for owned
 * addresses are answered inside the kernel by
 * a tcx program per interface where Linux 6.6 and CAP_BPF allow it, in user space elsewhere) or {@code off}.
 */
public final class Layer2AnnouncerProvider implements AnnouncerProvider {

    /** The option naming the packet back end. */
    public static final String BACKEND_OPTION = "layer2.packet-backend";
    static final String AF_PACKET = "af-packet";
    static final String PCAP = "pcap";
    /** The option naming the receive threads' scheduling: {@code realtime} (default) or {@code normal}. */
    public static final String PRIORITY_OPTION = "layer2.receive-priority";
    static final String REALTIME = "realtime";
    static final String NORMAL = "normal";

    @Override
    public String protocol() {
        return "layer2";
    }

    /**
     * @throws IllegalArgumentException naming the option and the accepted values, for a bad option
     * @throws PacketChannelException at once, with the remedy, when the process lacks CAP_NET_RAW or the back end's
     *     library (libc for af-packet, libpcap for pcap) cannot be loaded
     */
    @Override
    public Announcer create(AnnouncerContext context) {
        // Options first: a typo is reported as such, on any host.
        String backend = context.options().getOrDefault(BACKEND_OPTION, AF_PACKET).strip();
        if (!backend.equals(AF_PACKET) && !backend.equals(PCAP)) {
            throw new IllegalArgumentException(BACKEND_OPTION + ": \"" + backend + "\" (expected: " + AF_PACKET
                    + " or " + PCAP + ")");
        }
        boolean realtime = realtime(context.options().getOrDefault(PRIORITY_OPTION, REALTIME));
        Layer2Settings settings = Layer2Settings.from(context.options());
        NetRawCheck.require(Path.of("/proc/self/status"));
        return new Layer2Announcer(channels(backend, realtime), settings, context.metrics());
    }

    /** Whether {@link #PRIORITY_OPTION} asks for real-time receive threads. */
    private static boolean realtime(String priority) {
        return switch (priority.strip()) {
            case REALTIME -> true;
            case NORMAL -> false;
            default -> throw new IllegalArgumentException(PRIORITY_OPTION + ": \"" + priority + "\" (expected: "
                    + REALTIME + " or " + NORMAL + ")");
        };
    }

    /** The back end named by {@link #BACKEND_OPTION} (already checked), loaded now so a missing library shows at start. */
    private static PacketChannelFactory channels(String backend, boolean realtime) {
        if (backend.equals(PCAP)) {
            PcapPacketChannelFactory.requireLibpcap();
            return new PcapPacketChannelFactory(realtime);
        }
        AfPacketChannelFactory.requireNative();
        return new AfPacketChannelFactory(realtime);
    }
}
