package io.metallb.l2.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpAddress;
import io.metallb.l2.internal.pcap.OwnedAddressFilterTest;
import io.metallb.l2.wire.ArpOperation;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrame;
import io.metallb.l2.wire.EthernetFrameEncoder;
import io.metallb.l2.wire.MacAddress;
import io.metallb.l2.wire.NdpPacket;
import io.metallb.l2.wire.NeighborAdvertisement;
import io.metallb.l2.wire.NeighborSolicitation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The socket filters run by a classic BPF interpreter of the instructions they use, with the kernel's rules (a
 * load past the frame's end rejects it; jumps are relative to the next instruction). The namespace tests run the
 * same programs in the kernel.
 */
class SocketFilterTest {

    static final MacAddress CLIENT = OwnedAddressFilterTest.CLIENT;
    static final IpAddress CLIENT_V4 = OwnedAddressFilterTest.CLIENT_V4;
    static final IpAddress CLIENT_V6 = OwnedAddressFilterTest.CLIENT_V6;
    static final IpAddress OWNED_V4 = OwnedAddressFilterTest.OWNED_V4;
    static final IpAddress OTHER_V4 = OwnedAddressFilterTest.OTHER_V4;
    static final IpAddress OWNED_V6 = OwnedAddressFilterTest.OWNED_V6;
    static final IpAddress OTHER_V6 = OwnedAddressFilterTest.OTHER_V6;
    /** Differs from OWNED_V6 in the first word only: every word must be compared. */
    static final IpAddress FIRST_WORD_V6 = IpAddress.parse("2001:db9::ffff:fffe");

    @Test
    void narrowedFilterAdmitsRequestsForOwnedTargetsOnly() {
        ByteBuffer f = SocketFilter.requestsFor(Set.of(OWNED_V4, OWNED_V6, IpAddress.parse("198.51.100.7")));
        assertThat(run(f, arp(ArpOperation.REQUEST, OWNED_V4))).isEqualTo(SocketFilter.ACCEPT);
        assertThat(run(f, arp(ArpOperation.REQUEST, OTHER_V4))).isZero();
        assertThat(run(f, arp(ArpOperation.REPLY, OWNED_V4))).isZero();
        assertThat(run(f, solicitation(OWNED_V6))).isEqualTo(SocketFilter.ACCEPT);
        assertThat(run(f, solicitation(OTHER_V6))).isZero();
        assertThat(run(f, solicitation(FIRST_WORD_V6))).isZero();
        assertThat(run(f, advertisement(OWNED_V6))).isZero();
    }

    @Test
    void familiesWithNothingOwnedAreNotAdmitted() {
        ByteBuffer v4Only = SocketFilter.requestsFor(Set.of(OWNED_V4));
        assertThat(run(v4Only, solicitation(OWNED_V6))).isZero();
        ByteBuffer none = SocketFilter.requestsFor(Set.of());
        assertThat(run(none, arp(ArpOperation.REQUEST, OWNED_V4))).isZero();
        assertThat(run(none, solicitation(OWNED_V6))).isZero();
    }

    @Test
    void unnarrowedFilterAdmitsEveryRequestAndNothingElse() {
        ByteBuffer f = SocketFilter.requests();
        assertThat(run(f, arp(ArpOperation.REQUEST, OTHER_V4))).isEqualTo(SocketFilter.ACCEPT);
        assertThat(run(f, solicitation(OTHER_V6))).isEqualTo(SocketFilter.ACCEPT);
        assertThat(run(f, arp(ArpOperation.REPLY, OTHER_V4))).isZero();
        assertThat(run(f, advertisement(OTHER_V6))).isZero();
        assertThat(run(f, new byte[13])).isZero(); // shorter than an EtherType: the load fails
    }

    @Test
    void manyAddressesStayWithinTheKernelLimitAndAboveItFallBack() {
        Set<IpAddress> many = new HashSet<>();
        for (int i = 0; i < SocketFilter.MAX_ADDRESSES; i++) {
            many.add(IpAddress.parse("2001:db8::" + Integer.toHexString(i + 1)));
        }
        ByteBuffer f = SocketFilter.requestsFor(many);
        assertThat(f.capacity() / 8).isLessThanOrEqualTo(4096);
        assertThat(run(f, solicitation(IpAddress.parse("2001:db8::" + Integer.toHexString(SocketFilter.MAX_ADDRESSES)))))
                .isEqualTo(SocketFilter.ACCEPT);
        assertThat(run(f, solicitation(OTHER_V6))).isZero();
        many.add(OTHER_V6);
        assertThat(SocketFilter.requestsFor(many)).isEqualTo(SocketFilter.requests());
    }

    @Test
    void replyCounterFilterMatchesSenderAndTarget() {
        ByteBuffer f = SocketFilter.arpRepliesFrom(CLIENT_V4, OWNED_V4);
        assertThat(run(f, EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, CLIENT, new ArpPacket(
                ArpOperation.REPLY, CLIENT, CLIENT_V4, CLIENT, OWNED_V4))))).isEqualTo(SocketFilter.ACCEPT);
        // A gratuitous reply (sender and target the same address) is not an answer.
        assertThat(run(f, EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, CLIENT, new ArpPacket(
                ArpOperation.REPLY, CLIENT, CLIENT_V4, CLIENT, CLIENT_V4))))).isZero();
        assertThat(run(f, arp(ArpOperation.REPLY, OWNED_V4))).isZero(); // sent by 198.51.100.2
        assertThat(run(f, EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, CLIENT, new ArpPacket(
                ArpOperation.REQUEST, CLIENT, CLIENT_V4, CLIENT, OWNED_V4))))).isZero();
    }

    /** A classic BPF interpreter of the opcodes SocketFilter emits; any other opcode fails the test. */
    static int run(ByteBuffer program, byte[] frame) {
        ByteBuffer p = program.duplicate().order(ByteOrder.nativeOrder());
        ByteBuffer data = ByteBuffer.wrap(frame);
        int n = p.capacity() / 8;
        int a = 0;
        for (int pc = 0; pc < n; pc++) {
            int code = p.getShort(pc * 8) & 0xFFFF;
            int jt = p.get(pc * 8 + 2) & 0xFF;
            int jf = p.get(pc * 8 + 3) & 0xFF;
            int k = p.getInt(pc * 8 + 4);
            switch (code) {
                case 0x20, 0x28, 0x30 -> {
                    int size = code == 0x20 ? 4 : code == 0x28 ? 2 : 1;
                    if (k + size > frame.length) {
                        return 0;
                    }
                    a = size == 4 ? data.getInt(k) : size == 2 ? data.getShort(k) & 0xFFFF : data.get(k) & 0xFF;
                }
                case 0x15 -> pc += a == k ? jt : jf;
                case 0x05 -> pc += k;
                case 0x06 -> {
                    return k;
                }
                default -> throw new AssertionError("opcode " + Integer.toHexString(code) + " at " + pc);
            }
            assertThat(pc).as("jump target").isLessThan(n);
        }
        throw new AssertionError("program ran off its end");
    }

    /** An ARP packet from the client's MAC, sender address 198.51.100.2, for {@code target}. */
    private static byte[] arp(ArpOperation op, IpAddress target) {
        return EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, CLIENT,
                new ArpPacket(op, CLIENT, IpAddress.parse("198.51.100.2"), MacAddress.ZERO, target)));
    }

    private static byte[] solicitation(IpAddress target) {
        return EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, CLIENT, new NdpPacket(0, 0,
                CLIENT_V6, NdpPacket.solicitedNode(target), new NeighborSolicitation(target, Optional.of(CLIENT)))));
    }

    private static byte[] advertisement(IpAddress target) {
        return EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, CLIENT, new NdpPacket(0, 0,
                target, CLIENT_V6, new NeighborAdvertisement(false, true, true, target, Optional.of(CLIENT)))));
    }
}
