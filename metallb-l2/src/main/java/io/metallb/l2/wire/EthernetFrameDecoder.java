package io.metallb.l2.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Ethernet II frames carrying ARP or IPv6 neighbour discovery. Pure and stateless: any bytes give a
 * {@link FrameDecoding.Decoded} or a {@link FrameDecoding.Dropped} with a typed reason, never an exception, and
 * nothing is read outside {@code [offset, offset + length)}.
 */
public final class EthernetFrameDecoder {

    private static final int HEADER = 14;

    private EthernetFrameDecoder() {
    }

    /** Decodes a whole array. */
    public static FrameDecoding decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes {@code length} bytes from {@code offset}. */
    public static FrameDecoding decode(byte[] bytes, int offset, int length) {
        try {
            return new FrameDecoding.Decoded(frame(bytes, offset, offset + length));
        } catch (MalformedFrameException e) {
            return new FrameDecoding.Dropped(e.reason(), e.getMessage());
        }
    }

    private static EthernetFrame frame(byte[] b, int offset, int end) throws MalformedFrameException {
        if (end - offset < HEADER) {
            throw new MalformedFrameException(FrameDropReason.TRUNCATED_ETHERNET,
                    "Ethernet length: " + (end - offset) + " (expected: at least " + HEADER + ")");
        }
        MacAddress destination = MacAddress.read(b, offset);
        MacAddress source = MacAddress.read(b, offset + 6);
        int i = offset + 12;
        int etherType = Bytes.u16(b, i);
        List<VlanTag> tags = new ArrayList<>(0);
        while (VlanTag.isTpid(etherType)) {
            if (tags.size() == EthernetFrame.MAX_TAGS) {
                throw new MalformedFrameException(FrameDropReason.TOO_MANY_VLAN_TAGS,
                        "VLAN tags: more than " + EthernetFrame.MAX_TAGS + " (expected: at most " + EthernetFrame.MAX_TAGS + ")");
            }
            if (end - i < 6) {
                throw new MalformedFrameException(FrameDropReason.TRUNCATED_ETHERNET,
                        "bytes after VLAN TPID: " + (end - i - 2) + " (expected: at least 4)");
            }
            tags.add(VlanTag.of(etherType, Bytes.u16(b, i + 2)));
            i += 4;
            etherType = Bytes.u16(b, i);
        }
        int payload = i + 2;
        EthernetPayload body = switch (etherType) {
            case EthernetFrame.ETHERTYPE_ARP -> ArpPacketCodec.decode(b, payload, end);
            case EthernetFrame.ETHERTYPE_IPV6 -> NdpPacketCodec.decode(b, payload, end);
            default -> throw new MalformedFrameException(FrameDropReason.UNSUPPORTED_ETHERTYPE,
                    String.format("EtherType: 0x%04x (expected: 0x0806 or 0x86dd)", etherType));
        };
        return new EthernetFrame(destination, source, tags, body);
    }
}
