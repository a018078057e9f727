package io.metallb.l2.wire;

import io.metallb.api.net.IpAddress;
import java.util.Optional;

/**
 * IPv6 + ICMPv6 neighbour solicitation/advertisement, RFC 8200 §3 and RFC 4861 §4.3, §4.4, §4.6.1, with the
 * receive-side validity checks of RFC 4861 §7.1.1 and §7.1.2. Options other than the link-layer address ones
 * are skipped, as §4.6 asks, and so are not re-encoded.
 *
 * <pre>
 * link-layer address option (§4.6.1), 8 bytes on Ethernet:
 * +--------+--------+--------------------------------------------+
 * | type   | len=1  | MAC (6)                                     |
 * | 1: SLL |  x8 B  |                                             |
 * | 2: TLL |        |                                             |
 * +--------+--------+--------------------------------------------+
 * </pre>
 */
final class NdpPacketCodec {

    static final int IPV6_HEADER = 40;
    /** ICMPv6 header (4) + reserved/flags (4) + target (16). */
    static final int NDP_MIN = 24;
    private static final int OPT_SOURCE_LL = 1;
    private static final int OPT_TARGET_LL = 2;

    private NdpPacketCodec() {
    }

    static NdpPacket decode(byte[] b, int o, int end) throws MalformedFrameException {
        if (end - o < IPV6_HEADER) {
            throw new MalformedFrameException(FrameDropReason.TRUNCATED_IPV6,
                    "IPv6 length: " + (end - o) + " (expected: at least " + IPV6_HEADER + ")");
        }
        int version = Bytes.u8(b, o) >>> 4;
        if (version != 6) {
            throw new MalformedFrameException(FrameDropReason.IPV6_BAD_VERSION, "IP version: " + version + " (expected: 6)");
        }
        int trafficClass = (Bytes.u16(b, o) >>> 4) & 0xFF;
        int flowLabel = ((b[o + 1] & 0x0F) << 16) | Bytes.u16(b, o + 2);
        int payloadLength = Bytes.u16(b, o + 4);
        int nextHeader = Bytes.u8(b, o + 6);
        int hopLimit = Bytes.u8(b, o + 7);
        if (payloadLength > end - o - IPV6_HEADER) {
            throw new MalformedFrameException(FrameDropReason.TRUNCATED_IPV6, "IPv6 payload length: " + payloadLength
                    + " (expected: at most the " + (end - o - IPV6_HEADER) + " bytes present)");
        }
        if (nextHeader != 58) {
            throw new MalformedFrameException(FrameDropReason.NOT_ICMPV6, "next header: " + nextHeader + " (expected: 58)");
        }
        int icmp = o + IPV6_HEADER;
        if (payloadLength < 4) {
            throw new MalformedFrameException(FrameDropReason.TRUNCATED_IPV6,
                    "ICMPv6 length: " + payloadLength + " (expected: at least 4)");
        }
        int type = Bytes.u8(b, icmp);
        if (type != NdpMessage.TYPE_NS && type != NdpMessage.TYPE_NA) {
            throw new MalformedFrameException(FrameDropReason.NOT_NDP, "ICMPv6 type: " + type + " (expected: 135 or 136)");
        }
        int sum = Icmpv6Checksum.compute(b, o + 8, o + 24, icmp, payloadLength);
        if (sum != 0) {
            throw new MalformedFrameException(FrameDropReason.ICMPV6_BAD_CHECKSUM, String.format(
                    "ICMPv6 checksum: 0x%04x (expected: 0x%04x)", Bytes.u16(b, icmp + 2),
                    Icmpv6Checksum.compute(zeroed(b, icmp), o + 8, o + 24, icmp, payloadLength)));
        }
        int code = Bytes.u8(b, icmp + 1);
        if (hopLimit != NdpPacket.HOP_LIMIT || code != 0 || payloadLength < NDP_MIN) {
            throw new MalformedFrameException(FrameDropReason.NDP_INVALID, "NDP hop limit/code/length: " + hopLimit
                    + "/" + code + "/" + payloadLength + " (expected: 255/0/at least " + NDP_MIN + ")");
        }
        IpAddress source = Bytes.ip(b, o + 8, 16);
        IpAddress destination = Bytes.ip(b, o + 24, 16);
        IpAddress target = Bytes.ip(b, icmp + 8, 16);
        Optional<MacAddress> link = linkOption(b, icmp + NDP_MIN, icmp + payloadLength,
                type == NdpMessage.TYPE_NS ? OPT_SOURCE_LL : OPT_TARGET_LL);
        try {
            NdpMessage message = type == NdpMessage.TYPE_NS
                    ? new NeighborSolicitation(target, link)
                    : new NeighborAdvertisement((b[icmp + 4] & 0x80) != 0, (b[icmp + 4] & 0x40) != 0,
                            (b[icmp + 4] & 0x20) != 0, target, link);
            return new NdpPacket(trafficClass, flowLabel, source, destination, message);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException(FrameDropReason.NDP_BAD_ADDRESSES, e.getMessage());
        }
    }

    private static byte[] zeroed(byte[] b, int icmp) {
        byte[] copy = b.clone();
        copy[icmp + 2] = 0;
        copy[icmp + 3] = 0;
        return copy;
    }

    /** RFC 4861 §4.6: walks the options; a zero length invalidates the packet (§7.1.1). */
    private static Optional<MacAddress> linkOption(byte[] b, int i, int end, int wanted) throws MalformedFrameException {
        Optional<MacAddress> found = Optional.empty();
        while (i < end) {
            if (end - i < 2) {
                throw new MalformedFrameException(FrameDropReason.NDP_BAD_OPTION,
                        "NDP option header: " + (end - i) + " bytes (expected: 2)");
            }
            int type = Bytes.u8(b, i);
            int length = Bytes.u8(b, i + 1) * 8;
            if (length == 0 || length > end - i) {
                throw new MalformedFrameException(FrameDropReason.NDP_BAD_OPTION, "NDP option " + type + " length: "
                        + length + " (expected: 8..." + (end - i) + ")");
            }
            if (type == wanted && length == 8 && found.isEmpty()) {
                found = Optional.of(MacAddress.read(b, i + 2));
            }
            i += length;
        }
        return found;
    }

    /** The encoded length of {@code p}: IPv6 header, NDP body and the link-layer option when present. */
    static int length(NdpPacket p) {
        return IPV6_HEADER + NDP_MIN + (link(p.message()).isPresent() ? 8 : 0);
    }

    private static Optional<MacAddress> link(NdpMessage m) {
        return m instanceof NeighborSolicitation ns ? ns.sourceLinkAddress()
                : ((NeighborAdvertisement) m).targetLinkAddress();
    }

    /** Writes {@code p} at {@code o}; {@code out} has {@link #length} bytes there, zeroed. */
    static void encode(NdpPacket p, byte[] out, int o) {
        Optional<MacAddress> link = link(p.message());
        int payloadLength = NDP_MIN + (link.isPresent() ? 8 : 0);
        out[o] = (byte) (0x60 | (p.trafficClass() >>> 4));
        out[o + 1] = (byte) (((p.trafficClass() & 0x0F) << 4) | (p.flowLabel() >>> 16));
        Bytes.put16(out, o + 2, p.flowLabel() & 0xFFFF);
        Bytes.put16(out, o + 4, payloadLength);
        out[o + 6] = 58;
        out[o + 7] = (byte) NdpPacket.HOP_LIMIT;
        Bytes.putIp(out, o + 8, p.source());
        Bytes.putIp(out, o + 24, p.destination());
        int icmp = o + IPV6_HEADER;
        if (p.message() instanceof NeighborAdvertisement na) {
            out[icmp] = (byte) NdpMessage.TYPE_NA;
            out[icmp + 4] = (byte) ((na.router() ? 0x80 : 0) | (na.solicited() ? 0x40 : 0) | (na.override() ? 0x20 : 0));
        } else {
            out[icmp] = (byte) NdpMessage.TYPE_NS;
        }
        Bytes.putIp(out, icmp + 8, p.message().target());
        link.ifPresent(mac -> {
            out[icmp + NDP_MIN] = (byte) (p.message() instanceof NeighborSolicitation ? OPT_SOURCE_LL : OPT_TARGET_LL);
            out[icmp + NDP_MIN + 1] = 1;
            mac.write(out, icmp + NDP_MIN + 2);
        });
        Bytes.put16(out, icmp + 2, Icmpv6Checksum.compute(out, o + 8, o + 24, icmp, payloadLength));
    }
}
