package io.metallb.l2;

import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;
import io.metallb.l2.channel.PacketChannelException;
import io.metallb.l2.internal.Layer2Announcer;
import io.metallb.l2.internal.Layer2Settings;
import io.metallb.l2.internal.NetRawCheck;
import io.metallb.l2.internal.pcap.PcapPacketChannelFactory;
import java.nio.file.Path;

/**
 * The {@code layer2} protocol: answers ARP and NDP for the addresses this node was elected for, over pcap4j.
 * The speaker has already run the election ({@link io.metallb.api.node.L2Election}); each
 * {@link Announcer#apply} carries exactly the addresses this node owns.
 *
 * <p>Options ({@link AnnouncerContext#options()}): {@code layer2.exclude-interfaces} (comma-separated name
 * regexes), {@code layer2.reannounce-seconds} (default 240, 0 = off).
 */
public final class Layer2AnnouncerProvider implements AnnouncerProvider {

    @Override
    public String protocol() {
        return "layer2";
    }

    /**
     * @throws PacketChannelException at once, with the remedy, when libpcap cannot be loaded or the process
     *     lacks CAP_NET_RAW
     */
    @Override
    public Announcer create(AnnouncerContext context) {
        NetRawCheck.require(Path.of("/proc/self/status"));
        PcapPacketChannelFactory.requireLibpcap();
        return new Layer2Announcer(new PcapPacketChannelFactory(), Layer2Settings.from(context.options()),
                context.metrics());
    }
}
