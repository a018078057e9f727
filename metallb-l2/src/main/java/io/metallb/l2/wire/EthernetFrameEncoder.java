package io.metallb.l2.wire;

/** Encodes {@link EthernetFrame}s. Pure and stateless. */
public final class EthernetFrameEncoder {

    /** IEEE 802.3 minimum frame without the FCS; shorter frames are padded with zeros, as the kernel does. */
    public static final int MIN_FRAME = 60;

    private EthernetFrameEncoder() {
    }

    /** The frame's bytes, without FCS, padded to {@link #MIN_FRAME}. */
    public static byte[] encode(EthernetFrame frame) {
        int header = 14 + 4 * frame.tags().size();
        int body = frame.payload() instanceof NdpPacket ndp ? NdpPacketCodec.length(ndp) : ArpPacketCodec.LENGTH;
        byte[] out = new byte[Math.max(MIN_FRAME, header + body)];
        frame.destination().write(out, 0);
        frame.source().write(out, 6);
        int i = 12;
        for (VlanTag tag : frame.tags()) {
            Bytes.put16(out, i, tag.tpid());
            Bytes.put16(out, i + 2, tag.tci());
            i += 4;
        }
        Bytes.put16(out, i, frame.etherType());
        if (frame.payload() instanceof NdpPacket ndp) {
            NdpPacketCodec.encode(ndp, out, header);
        } else {
            ArpPacketCodec.encode((ArpPacket) frame.payload(), out, header);
        }
        return out;
    }
}
