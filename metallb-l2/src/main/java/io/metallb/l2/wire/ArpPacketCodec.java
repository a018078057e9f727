package io.metallb.l2.wire;

import java.util.Optional;

/**
 * ARP for IPv4 over Ethernet, RFC 826.
 *
 * <pre>
 *  0        2        4    5    6        8             14       18            24       28
 * +--------+--------+----+----+--------+-------------+--------+-------------+--------+
 * | htype=1|ptype=  |hlen|plen| oper   | sender MAC  | sender | target MAC  | target |
 * |        | 0x0800 | =6 | =4 | 1 / 2  |             | IPv4   |             | IPv4   |
 * +--------+--------+----+----+--------+-------------+--------+-------------+--------+
 * </pre>
 */
final class ArpPacketCodec {

    static final int LENGTH = 28;

    private ArpPacketCodec() {
    }

    /** Decodes the ARP packet at {@code offset}; bytes after its 28 are Ethernet padding and ignored. */
    static ArpPacket decode(byte[] b, int offset, int end) throws MalformedFrameException {
        int length = end - offset;
        if (length < LENGTH) {
            throw new MalformedFrameException(FrameDropReason.TRUNCATED_ARP,
                    "ARP length: " + length + " (expected: at least " + LENGTH + ")");
        }
        int htype = Bytes.u16(b, offset);
        int ptype = Bytes.u16(b, offset + 2);
        int hlen = Bytes.u8(b, offset + 4);
        int plen = Bytes.u8(b, offset + 5);
        if (htype != 1 || ptype != 0x0800 || hlen != 6 || plen != 4) {
            throw new MalformedFrameException(FrameDropReason.ARP_NOT_ETHERNET_IPV4, String.format(
                    "ARP htype/ptype/hlen/plen: %d/0x%04x/%d/%d (expected: 1/0x0800/6/4)", htype, ptype, hlen, plen));
        }
        int code = Bytes.u16(b, offset + 6);
        Optional<ArpOperation> op = ArpOperation.fromCode(code);
        if (op.isEmpty()) {
            throw new MalformedFrameException(FrameDropReason.ARP_UNKNOWN_OPERATION,
                    "ARP operation: " + code + " (expected: 1 or 2)");
        }
        return new ArpPacket(op.get(), MacAddress.read(b, offset + 8), Bytes.ip(b, offset + 14, 4),
                MacAddress.read(b, offset + 18), Bytes.ip(b, offset + 24, 4));
    }

    /** Writes {@code p} at {@code offset}; {@code out} has at least 28 bytes there. */
    static void encode(ArpPacket p, byte[] out, int offset) {
        Bytes.put16(out, offset, 1);
        Bytes.put16(out, offset + 2, 0x0800);
        out[offset + 4] = 6;
        out[offset + 5] = 4;
        Bytes.put16(out, offset + 6, p.operation().code());
        p.senderMac().write(out, offset + 8);
        Bytes.putIp(out, offset + 14, p.senderIp());
        p.targetMac().write(out, offset + 18);
        Bytes.putIp(out, offset + 24, p.targetIp());
    }
}
