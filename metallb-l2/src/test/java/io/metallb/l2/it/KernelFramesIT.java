package io.metallb.l2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpAddress;
import io.metallb.l2.wire.ArpOperation;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrame;
import io.metallb.l2.wire.EthernetFrameDecoder;
import io.metallb.l2.wire.EthernetFrameEncoder;
import io.metallb.l2.wire.FrameDecoding;
import io.metallb.l2.wire.FrameDropReason;
import io.metallb.l2.wire.NdpPacket;
import io.metallb.l2.wire.NeighborAdvertisement;
import io.metallb.l2.wire.NeighborSolicitation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Golden frames captured live: the kernel's and the standard tools' own ARP and NDP frames, captured with libpcap
 * (tcpdump) on the client of a fresh rig, each of them decoded to the expected kind and re-encoded byte for byte
 * (the codec's identity claim), so the codec is checked against the kernel running the tests and not only against
 * the stored fixtures ({@code src/test/resources/l2}, kept for the unit tests). The frames of this run are written
 * to {@code target/kernel-frames-captured.hex}, the stored fixtures' format, to refresh them from.
 */
class KernelFramesIT {

    private static final IpAddress CLIENT_V4 = IpAddress.parse("198.51.100.1");
    private static final IpAddress NODE_V4 = IpAddress.parse("198.51.100.11");
    private static final IpAddress NODE_V6 = IpAddress.parse("2001:db8::11");
    /**
     * Given to the node's eth0 during the capture, with arp_notify and ndisc_notify on: the kernel announces its
     * addresses with the new MAC (ip-sysctl.rst: "when device is brought up or hardware address changes").
     */
    private static final String NEW_NODE_MAC = "02:00:00:00:00:42";

    /** What each kind of frame must look like once decoded; every kind must be captured at least once. */
    private static final Map<String, Predicate<EthernetFrame>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("ARP request for the node (arping, then the client kernel)", f -> f.payload() instanceof ArpPacket a
                && a.operation() == ArpOperation.REQUEST && a.targetIp().equals(NODE_V4));
        KINDS.put("kernel ARP reply from the node", f -> f.payload() instanceof ArpPacket a
                && a.operation() == ArpOperation.REPLY && a.senderIp().equals(NODE_V4) && a.targetIp().equals(CLIENT_V4));
        KINDS.put("gratuitous ARP request (arping -U)", f -> f.payload() instanceof ArpPacket a
                && a.operation() == ArpOperation.REQUEST && a.senderIp().equals(CLIENT_V4) && a.targetIp().equals(CLIENT_V4));
        KINDS.put("gratuitous ARP reply (arping -A)", f -> f.payload() instanceof ArpPacket a
                && a.operation() == ArpOperation.REPLY && a.senderIp().equals(CLIENT_V4) && a.targetIp().equals(CLIENT_V4));
        KINDS.put("kernel gratuitous ARP on a MAC change (arp_notify)", f -> f.payload() instanceof ArpPacket a
                && a.senderIp().equals(NODE_V4) && a.targetIp().equals(NODE_V4)
                && a.senderMac().toString().equals(NEW_NODE_MAC));
        KINDS.put("NS with source link-layer option (ndisc6, client kernel)", f -> f.payload() instanceof NdpPacket p
                && p.message() instanceof NeighborSolicitation ns && ns.target().equals(NODE_V6)
                && ns.sourceLinkAddress().isPresent() && p.destination().equals(NdpPacket.solicitedNode(NODE_V6)));
        KINDS.put("solicited NA with target link-layer option", f -> f.payload() instanceof NdpPacket p
                && p.message() instanceof NeighborAdvertisement na && na.target().equals(NODE_V6) && na.solicited()
                && na.targetLinkAddress().isPresent());
        KINDS.put("unsolicited NA with override to all-nodes (ndisc_notify)", f -> f.payload() instanceof NdpPacket p
                && p.message() instanceof NeighborAdvertisement na && na.target().equals(NODE_V6) && !na.solicited()
                && na.override() && p.destination().equals(NdpPacket.ALL_NODES));
    }

    @Test
    void kernelFramesDecodeToTheirKindAndReEncodeByteForByte() throws Exception {
        Prerequisites.require();
        NamespaceRig.removeLeftovers(NamespaceRig.BENCH_PREFIX);
        try (NamespaceRig rig = new NamespaceRig(NamespaceRig.BENCH_PREFIX, 1)) {
            String node = rig.nodes.get("node-1");
            Commands.ok("ip", "netns", "exec", node, "sysctl", "-qw", "net.ipv4.conf.eth0.arp_notify=1",
                    "net.ipv6.conf.eth0.ndisc_notify=1");
            List<byte[]> frames = TcpdumpCapture.during(rig.client, () -> traffic(rig, node),
                    captured -> missing(decoded(captured)).isEmpty());
            Files.createDirectories(Path.of("target"));
            List<String> lines = new ArrayList<>(List.of("# Captured by KernelFramesIT on " + System.getProperty(
                    "os.version") + "; one frame per line, as seen on the client's eth0."));
            frames.forEach(f -> lines.add(HexFormat.of().formatHex(f)));
            Files.write(Path.of("target/kernel-frames-captured.hex"), lines);

            assertThat(frames).as("captured frames").isNotEmpty();
            List<EthernetFrame> decoded = decoded(frames);
            assertThat(missing(decoded)).as("kinds of frame not captured (of %d frames)", frames.size()).isEmpty();
            int identical = 0;
            for (byte[] wire : frames) {
                FrameDecoding d = EthernetFrameDecoder.decode(wire);
                if (d instanceof FrameDecoding.Decoded ok) {
                    byte[] again = EthernetFrameEncoder.encode(ok.frame());
                    // Frames the client sent are captured before padding to 60 bytes: the encoder pads with zeros.
                    assertThat(Arrays.copyOf(again, wire.length)).as(HexFormat.of().formatHex(wire)).isEqualTo(wire);
                    assertThat(Arrays.copyOfRange(again, wire.length, again.length))
                            .isEqualTo(new byte[Math.max(0, again.length - wire.length)]);
                    identical++;
                } else {
                    // MLD reports, router solicitations, UDP and its unreachables share the wire: never malformed.
                    assertThat(Set.of(FrameDropReason.NOT_ICMPV6, FrameDropReason.NOT_NDP))
                            .as(((FrameDecoding.Dropped) d).detail()).contains(((FrameDecoding.Dropped) d).reason());
                }
            }
            assertThat(identical).as("frames re-encoded byte for byte").isGreaterThanOrEqualTo(KINDS.size());
        }
    }

    private static void traffic(NamespaceRig rig, String node) {
        Duration t = Duration.ofSeconds(10);
        Commands.inNs(rig.client, t, "arping", "-c", "1", "-w", "2", "-I", "eth0", NODE_V4.toString());
        Commands.inNs(rig.client, t, "arping", "-U", "-c", "1", "-I", "eth0", CLIENT_V4.toString());
        Commands.inNs(rig.client, t, "arping", "-A", "-c", "1", "-I", "eth0", CLIENT_V4.toString());
        Commands.inNs(rig.client, t, "ndisc6", "-1", "-r", "1", "-w", "1000", NODE_V6.toString(), "eth0");
        // The client's kernel resolves on its own: a datagram to each node address with the caches empty.
        Commands.ok("ip", "-n", rig.client, "neigh", "flush", "dev", "eth0");
        Commands.inNs(rig.client, t, "bash", "-c", "echo x > /dev/udp/" + NODE_V4 + "/9; echo x > /dev/udp/"
                + NODE_V6 + "/9");
        Commands.ok("ip", "-n", node, "link", "set", "eth0", "address", NEW_NODE_MAC);
    }

    private static List<EthernetFrame> decoded(List<byte[]> frames) {
        return frames.stream().map(EthernetFrameDecoder::decode).filter(FrameDecoding.Decoded.class::isInstance)
                .map(d -> ((FrameDecoding.Decoded) d).frame()).toList();
    }

    private static List<String> missing(List<EthernetFrame> decoded) {
        return KINDS.entrySet().stream().filter(k -> decoded.stream().noneMatch(k.getValue())).map(Map.Entry::getKey)
                .toList();
    }
}
