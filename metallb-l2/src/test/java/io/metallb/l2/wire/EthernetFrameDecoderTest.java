package io.metallb.l2.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EthernetFrameDecoderTest {

    private static FrameDecoding.Dropped dropped(byte[] bytes) {
        FrameDecoding result = EthernetFrameDecoder.decode(bytes);
        assertThat(result).isInstanceOf(FrameDecoding.Dropped.class);
        return (FrameDecoding.Dropped) result;
    }

    /** Recomputes the ICMPv6 checksum of an untagged 32-byte NS after a test edited it. */
    private static void fixChecksum(byte[] wire) {
        int icmp = 14 + 40;
        wire[icmp + 2] = 0;
        wire[icmp + 3] = 0;
        int sum = Icmpv6Checksum.compute(wire, 14 + 8, 14 + 24, icmp, 32);
        wire[icmp + 2] = (byte) (sum >>> 8);
        wire[icmp + 3] = (byte) sum;
    }

    @Test
    void arpRequestRoundTripsAndPadsToSixtyBytes() {
        EthernetFrame f = Frames.arpRequest("198.51.100.10");
        byte[] wire = EthernetFrameEncoder.encode(f);
        assertThat(wire).hasSize(EthernetFrameEncoder.MIN_FRAME);
        assertThat(EthernetFrameDecoder.decode(wire)).isEqualTo(new FrameDecoding.Decoded(f));
    }

    @Test
    void qinqTaggedSolicitationRoundTrips() {
        EthernetFrame f = Frames.tagged(Frames.neighborSolicitation("2001:db8::10"),
                new VlanTag(VlanTag.TPID_8021AD, 3, true, 200), new VlanTag(VlanTag.TPID_8021Q, 0, false, 100));
        assertThat(EthernetFrameDecoder.decode(EthernetFrameEncoder.encode(f))).isEqualTo(new FrameDecoding.Decoded(f));
    }

    @Test
    void threeTagsAreTooMany() {
        byte[] wire = EthernetFrameEncoder.encode(Frames.tagged(Frames.arpRequest("198.51.100.10"),
                new VlanTag(0x88a8, 0, false, 1), new VlanTag(0x8100, 0, false, 2)));
        byte[] three = new byte[wire.length + 4];
        System.arraycopy(wire, 0, three, 0, 12);
        three[12] = (byte) 0x81;
        three[14] = 0;
        three[15] = 3;
        System.arraycopy(wire, 12, three, 16, wire.length - 12);
        assertThat(dropped(three).reason()).isEqualTo(FrameDropReason.TOO_MANY_VLAN_TAGS);
    }

    @Test
    void truncatedFramesSaySeenAndExpected() {
        byte[] wire = EthernetFrameEncoder.encode(Frames.arpRequest("198.51.100.10"));
        assertThat(dropped(Arrays.copyOf(wire, 10)).detail()).isEqualTo("Ethernet length: 10 (expected: at least 14)");
        assertThat(dropped(Arrays.copyOf(wire, 30)).detail()).isEqualTo("ARP length: 16 (expected: at least 28)");
    }

    @Test
    void arpForOtherProtocolsAndOpcodesIsDropped() {
        byte[] wire = EthernetFrameEncoder.encode(Frames.arpRequest("198.51.100.10"));
        byte[] ptype = wire.clone();
        ptype[16] = (byte) 0x86;
        assertThat(dropped(ptype).reason()).isEqualTo(FrameDropReason.ARP_NOT_ETHERNET_IPV4);
        byte[] rarp = wire.clone();
        rarp[21] = 3;
        assertThat(dropped(rarp).detail()).isEqualTo("ARP operation: 3 (expected: 1 or 2)");
    }

    @Test
    void otherEtherTypesAreDropped() {
        byte[] wire = EthernetFrameEncoder.encode(Frames.arpRequest("198.51.100.10"));
        wire[12] = 0x08;
        wire[13] = 0x00;
        assertThat(dropped(wire).detail()).isEqualTo("EtherType: 0x0800 (expected: 0x0806 or 0x86dd)");
    }

    @Test
    void corruptedChecksumIsDroppedNamingBothValues() {
        byte[] wire = EthernetFrameEncoder.encode(Frames.neighborSolicitation("2001:db8::10"));
        wire[14 + 40 + 8] ^= 0x01; // first byte of the target
        FrameDecoding.Dropped d = dropped(wire);
        assertThat(d.reason()).isEqualTo(FrameDropReason.ICMPV6_BAD_CHECKSUM);
        assertThat(d.detail()).matches("ICMPv6 checksum: 0x[0-9a-f]{4} \\(expected: 0x[0-9a-f]{4}\\)");
    }

    @Test
    void hopLimitBelow255IsNotOnLink() {
        byte[] wire = EthernetFrameEncoder.encode(Frames.neighborSolicitation("2001:db8::10"));
        wire[14 + 7] = 64; // RFC 4861 §7.1.1; the hop limit is not in the pseudo-header, the checksum still holds
        assertThat(dropped(wire).reason()).isEqualTo(FrameDropReason.NDP_INVALID);
    }

    @Test
    void zeroLengthOptionIsDropped() {
        byte[] wire = EthernetFrameEncoder.encode(Frames.neighborSolicitation("2001:db8::10"));
        wire[14 + 40 + 24 + 1] = 0;
        fixChecksum(wire);
        assertThat(dropped(wire).reason()).isEqualTo(FrameDropReason.NDP_BAD_OPTION);
    }

    @Test
    void multicastSourceIsDroppedEvenWithAValidChecksum() {
        // A solicited NA answering it would be addressed to a group; the responder must never see one.
        byte[] wire = EthernetFrameEncoder.encode(Frames.neighborSolicitation("2001:db8::10"));
        wire[14 + 8] = (byte) 0xFF;
        wire[14 + 9] = 0x02;
        fixChecksum(wire);
        FrameDecoding.Dropped d = dropped(wire);
        assertThat(d.reason()).isEqualTo(FrameDropReason.NDP_BAD_ADDRESSES);
        assertThat(d.detail()).isEqualTo("IPv6 source: ff02:db8::1 (expected: not multicast)");
    }

    @Test
    void solicitedNodeGroupAndItsMac() {
        var group = NdpPacket.solicitedNode(io.metallb.api.net.IpAddress.parse("2001:db8::1:2:abcd:ef01"));
        assertThat(group.toString()).isEqualTo("ff02::1:ffcd:ef01");
        assertThat(MacAddress.ipv6Multicast(group.low()).toString()).isEqualTo("33:33:ff:cd:ef:01");
    }
}
