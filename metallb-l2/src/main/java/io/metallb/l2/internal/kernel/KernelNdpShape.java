package io.metallb.l2.internal.kernel;

import io.metallb.api.net.IpAddress;
import io.metallb.l2.wire.EthernetFrame;
import io.metallb.l2.wire.EthernetFrameDecoder;
import io.metallb.l2.wire.FrameDecoding;
import io.metallb.l2.wire.MacAddress;
import io.metallb.l2.wire.NdpPacket;
import io.metallb.l2.wire.NeighborSolicitation;
import java.util.Optional;

/**
 * Which neighbour solicitations the kernel's program answers ({@code NeighborReplyProgram}'s NDP part), told from the
 * frame alone, so the user-space responder (which sees every solicitation, a packet socket taps frames before the
 * tcx hook) answers exactly the others: the usual shape (untagged, payload 32 bytes with one source link-layer
 * option right after the body) of a valid solicitation not sent from our MAC. {@code KernelNeighborResponderIT} checks
 * this against the loaded program frame by frame.
 */
public final class KernelNdpShape {

    private KernelNdpShape() {
    }

    /** The target of {@code frame} when the kernel's program takes it (given the target is in its map). */
    public static Optional<IpAddress> target(byte[] frame, MacAddress mac) {
        if (frame.length < NeighborReplyProgram.NDP_FRAME
                || (frame[12] & 0xff) != 0x86 || (frame[13] & 0xff) != 0xdd
                || frame[18] != 0 || frame[19] != 32
                || frame[78] != 1 || frame[79] != 1) {
            return Optional.empty();
        }
        if (!(EthernetFrameDecoder.decode(frame) instanceof FrameDecoding.Decoded decoded)) {
            return Optional.empty();
        }
        EthernetFrame f = decoded.frame();
        if (!f.tags().isEmpty() || f.source().equals(mac) || !(f.payload() instanceof NdpPacket ndp)
                || !(ndp.message() instanceof NeighborSolicitation ns) || NdpPacket.isUnspecified(ndp.source())) {
            return Optional.empty();
        }
        return Optional.of(ns.target());
    }
}
