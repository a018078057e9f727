package io.metallb.l2.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames captured from the Linux kernel, arping and ndisc6 (see src/test/scripts/capture-fixtures.sh). */
class EthernetFrameGoldenTest {

    private static final List<byte[]> FRAMES = WireFixtures.frames();

    @Test
    void fixtureSetIsNotEmpty() {
        // MetalLB once had a fixture glob that matched nothing and made a test vacuous.
        assertThat(FRAMES).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void everyArpAndNdpFrameDecodesAndReEncodesByteForByte() {
        int arp = 0;
        int ndp = 0;
        for (byte[] wire : FRAMES) {
            if (EthernetFrameDecoder.decode(wire) instanceof FrameDecoding.Decoded d) {
                byte[] again = EthernetFrameEncoder.encode(d.frame());
                // The capture is taken on the sending host, before the NIC pads to 60 bytes.
                assertThat(Arrays.copyOf(again, wire.length)).isEqualTo(wire);
                assertThat(Arrays.copyOfRange(again, wire.length, again.length)).isEqualTo(new byte[again.length - wire.length]);
                if (d.frame().payload() instanceof ArpPacket) {
                    arp++;
                } else {
                    ndp++;
                }
            }
        }
        assertThat(arp).as("ARP frames").isGreaterThanOrEqualTo(4);
        assertThat(ndp).as("NS/NA frames").isGreaterThanOrEqualTo(4);
    }

    @Test
    void theRestAreDroppedAsNotNdpNeverAsMalformed() {
        // MLD reports (hop-by-hop header), UDP, port unreachable and router solicitations share the wire.
        EnumSet<FrameDropReason> allowed = EnumSet.of(FrameDropReason.NOT_ICMPV6, FrameDropReason.NOT_NDP);
        for (byte[] wire : FRAMES) {
            if (EthernetFrameDecoder.decode(wire) instanceof FrameDecoding.Dropped d) {
                assertThat(allowed).as(d.detail()).contains(d.reason());
            }
        }
    }

    @Test
    void kernelNeighborAdvertisementIsSolicitedWithTargetLinkAddress() {
        NdpPacket na = FRAMES.stream().map(EthernetFrameDecoder::decode)
                .filter(FrameDecoding.Decoded.class::isInstance).map(d -> ((FrameDecoding.Decoded) d).frame())
                .filter(f -> f.payload() instanceof NdpPacket p && p.message() instanceof NeighborAdvertisement)
                .map(f -> (NdpPacket) f.payload()).findFirst().orElseThrow();
        NeighborAdvertisement message = (NeighborAdvertisement) na.message();
        assertThat(message.solicited()).isTrue();
        assertThat(message.override()).isTrue();
        assertThat(message.targetLinkAddress()).isPresent();
        assertThat(message.target().toString()).isEqualTo("2001:db8::10");
    }
}
