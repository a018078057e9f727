package io.metallb.l2.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.metallb.api.net.IpAddress;
import io.metallb.l2.channel.InMemoryPacketChannel;
import io.metallb.l2.internal.kernel.KernelNeighborResponder;
import io.metallb.l2.internal.kernel.KernelNdpShape;
import io.metallb.l2.wire.ArpOperation;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrame;
import io.metallb.l2.wire.EthernetFrameEncoder;
import io.metallb.l2.wire.MacAddress;
import io.metallb.l2.wire.NdpPacket;
import io.metallb.l2.wire.WireGenerators;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's ARP responder (the tcx program) against the user-space one, frame by frame: the kernel runs the
 * loaded program on each frame (BPF_PROG_TEST_RUN) and its answer must be the user-space responder's, byte for
 * byte, and it must let every frame go that the user-space responder drops or answers over NDP (those stay in
 * user space). Needs CAP_BPF (root): skipped without it outside CI, failed under {@code CI=true}.
 */
class KernelNeighborResponderIT {

    private static final MacAddress ME = MacAddress.parse("02:00:00:00:00:0a");
    private static final MacAddress PEER = MacAddress.parse("02:00:00:00:00:0b");
    private static final IpAddress OWNED = IpAddress.parse("198.51.100.50");
    private static final IpAddress PEER_IP = IpAddress.parse("198.51.100.1");
    /** Ethernet header and the ARP body for Ethernet/IPv4. */
    private static final int ARP_FRAME = 42;
    /** Ethernet, IPv6, NS/NA body and one link-layer option. */
    private static final int NDP_FRAME = 86;

    private KernelNeighborResponder kernel;

    @BeforeEach
    void load() {
        try {
            kernel = KernelNeighborResponder.unattached(ME);
        } catch (KernelNeighborResponder.Unavailable e) {
            if ("true".equals(System.getenv("CI"))) {
                fail("the kernel ARP responder cannot be loaded under CI: " + e.getMessage(), e);
            }
            Assumptions.abort("the kernel ARP responder cannot be loaded here: " + e.getMessage());
        }
    }

    @AfterEach
    void close() {
        if (kernel != null) {
            kernel.close();
        }
    }

    @Test
    void answersEveryGeneratedFrameAsTheUserSpaceResponderDoes() {
        qt().withExamples(3000).forAll(WireGenerators.frames()).checkAssert(f -> sameAnswer(
                EthernetFrameEncoder.encode(f), target(f)));
    }

    @Test
    void answersEveryMutatedFrameAsTheUserSpaceResponderDoes() {
        qt().withExamples(5000).forAll(WireGenerators.frames(), integers().between(0, 127), integers().between(0, 255))
                .checkAssert((f, at, value) -> {
                    byte[] wire = EthernetFrameEncoder.encode(f);
                    wire[at % wire.length] = (byte) value.intValue();
                    sameAnswer(wire, target(f));
                });
    }

    @Test
    void answersAPaddedRequestAndLeavesThePaddingAlone() {
        kernel.own(Set.of(OWNED));
        byte[] request = Arrays.copyOf(request(PEER, PEER_IP, OWNED), 60);
        Arrays.fill(request, 42, 60, (byte) 0x5a);
        byte[] reply = kernel.answer(request).orElseThrow();
        byte[] expected = EthernetFrameEncoder.encode(EthernetFrame.of(PEER, ME,
                new ArpPacket(ArpOperation.REPLY, ME, OWNED, PEER, PEER_IP)));
        assertThat(Arrays.copyOf(reply, 42)).isEqualTo(Arrays.copyOf(expected, 42));
        assertThat(Arrays.copyOfRange(reply, 42, 60)).isEqualTo(Arrays.copyOfRange(request, 42, 60));
    }

    @Test
    void stopsAnsweringALostAddressAndCountsWhatItAnswered() {
        kernel.own(Set.of(OWNED, IpAddress.parse("2001:db8::50")));
        assertThat(kernel.owned()).containsExactlyInAnyOrder(OWNED, IpAddress.parse("2001:db8::50"));
        for (int i = 0; i < 3; i++) {
            assertThat(kernel.answer(request(PEER, PEER_IP, OWNED))).isPresent();
        }
        assertThat(kernel.answer(request(PEER, PEER_IP, IpAddress.parse("198.51.100.51")))).isEmpty();
        assertThat(kernel.answeredSinceLastCall()).isEqualTo(Map.of(OWNED, 3L));
        assertThat(kernel.answeredSinceLastCall()).isEmpty();

        kernel.own(Set.of());
        assertThat(kernel.answer(request(PEER, PEER_IP, OWNED))).isEmpty();
    }

    @Test
    void answersAUsualNeighbourSolicitationAsUserSpaceDoesAndLeavesTheOthersToUserSpace() {
        IpAddress owned6 = IpAddress.parse("2001:db8::50");
        IpAddress peer6 = IpAddress.parse("2001:db8::1");
        kernel.own(Set.of(owned6));
        byte[] ns = EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.parse("33:33:ff:00:00:50"), PEER,
                new NdpPacket(0, 0, peer6, NdpPacket.solicitedNode(owned6),
                        new io.metallb.l2.wire.NeighborSolicitation(owned6, Optional.of(PEER)))));
        byte[] answer = kernel.answer(ns).orElseThrow();
        ResponderDecision user = NeighborResponder.respond(ns, ME, Set.of(owned6), Set.of());
        assertThat(answer).isEqualTo(((ResponderDecision.Reply) user).frame().bytes());
        assertThat(KernelNdpShape.target(ns, ME)).contains(owned6);
        assertThat(kernel.answeredSinceLastCall()).isEqualTo(Map.of(owned6, 1L));

        // Without the source link-layer option (some unicast probes): the kernel leaves it to user space.
        byte[] bare = EthernetFrameEncoder.encode(EthernetFrame.of(ME, PEER, new NdpPacket(0, 0, peer6, owned6,
                new io.metallb.l2.wire.NeighborSolicitation(owned6, Optional.empty()))));
        assertThat(kernel.answer(bare)).isEmpty();
        assertThat(KernelNdpShape.target(bare, ME)).isEmpty();
        assertThat(NeighborResponder.respond(bare, ME, Set.of(owned6), Set.of()))
                .isInstanceOf(ResponderDecision.Reply.class);

        // A corrupted checksum: neither answers.
        byte[] corrupt = ns.clone();
        corrupt[56] ^= 1;
        assertThat(kernel.answer(corrupt)).isEmpty();
        assertThat(NeighborResponder.respond(corrupt, ME, Set.of(owned6), Set.of()))
                .isInstanceOf(ResponderDecision.Drop.class);
    }

    @Test
    void leavesProbesAnnouncementsAndItsOwnFramesToTheStack() {
        kernel.own(Set.of(OWNED));
        // Another host announcing or defending the address (sender IP = target IP): not answered.
        assertThat(kernel.answer(request(PEER, OWNED, OWNED))).isEmpty();
        // A frame from our own MAC: not answered.
        assertThat(kernel.answer(request(ME, PEER_IP, OWNED))).isEmpty();
        // An RFC 5227 probe (sender IP 0.0.0.0) is a request like any other: answered, as MetalLB does.
        assertThat(kernel.answer(request(PEER, IpAddress.parse("0.0.0.0"), OWNED))).isPresent();
    }

    @Test
    void whenTheKernelPathFailsUserSpaceAnswersInsteadAndTheAnnouncerGoesOn() throws Exception {
        InMemoryPacketChannel channel = new InMemoryPacketChannel("eth0", ME);
        InterfaceResponder responder = new InterfaceResponder(channel, kernel, io.metallb.api.spi.MetricSink.NONE);
        responder.start();
        responder.own(new InterfaceResponder.Owned(Set.of(OWNED), Set.of()));
        assertThat(responder.answersInKernel()).isTrue();
        channel.inject(request(PEER, PEER_IP, OWNED));
        assertThat(channel.nextSent(200)).as("user space leaves the kernel's address alone").isNull();

        kernel.close(); // its map is gone: the next update fails (EBADF)
        responder.own(new InterfaceResponder.Owned(Set.of(OWNED, IpAddress.parse("198.51.100.51")), Set.of()));
        assertThat(responder.answersInKernel()).isFalse();
        channel.inject(request(PEER, PEER_IP, OWNED));
        byte[] reply = channel.nextSent(5000);
        assertThat(reply).as("user space answers once the kernel path is gone").isNotNull();
        assertThat(Arrays.copyOf(reply, ARP_FRAME)).isEqualTo(Arrays.copyOf(EthernetFrameEncoder.encode(
                EthernetFrame.of(PEER, ME, new ArpPacket(ArpOperation.REPLY, ME, OWNED, PEER, PEER_IP))), ARP_FRAME));
        responder.close();
    }

    private static byte[] request(MacAddress from, IpAddress fromIp, IpAddress target) {
        return EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, from,
                new ArpPacket(ArpOperation.REQUEST, from, fromIp, MacAddress.ZERO, target)));
    }

    private static IpAddress target(EthernetFrame f) {
        return f.payload() instanceof ArpPacket a ? a.targetIp() : ((NdpPacket) f.payload()).message().target();
    }

    /**
     * With {@code target} owned here. IPv4: the kernel answers exactly the requests user space answers, alike.
     * IPv6: whatever the kernel answers, user space answers alike and {@link KernelNdpShape} says the kernel took
     * it; whatever the kernel passes on, {@code KernelNdpShape} leaves to user space. So each frame is answered
     * once, by one of the two, with the same bytes.
     */
    private void sameAnswer(byte[] wire, IpAddress target) {
        kernel.own(Set.of(target));
        ResponderDecision user = NeighborResponder.respond(wire, ME, Set.of(target), Set.of());
        Optional<byte[]> inKernel = kernel.answer(wire.clone());
        boolean takenByKernel = KernelNdpShape.target(wire, ME).filter(target::equals).isPresent();
        if (inKernel.isPresent()) {
            assertThat(user).as("user space's decision on %s, which the kernel answered", hex(wire))
                    .isInstanceOf(ResponderDecision.Reply.class);
            // Ethernet header and body alike; past them (padding up to 60 bytes) user space writes zeros and the
            // kernel keeps the request's bytes: both are valid padding.
            int length = target.isV4() ? ARP_FRAME : NDP_FRAME;
            byte[] expected = Arrays.copyOf(((ResponderDecision.Reply) user).frame().bytes(), length);
            assertThat(Arrays.copyOf(inKernel.get(), length)).as("kernel answer to %s", hex(wire))
                    .isEqualTo(expected);
            assertThat(Arrays.copyOfRange(inKernel.get(), length, inKernel.get().length))
                    .isEqualTo(Arrays.copyOfRange(wire, length, wire.length));
            if (!target.isV4()) {
                assertThat(takenByKernel).as("KernelNdpShape on %s", hex(wire)).isTrue();
            }
        } else if (target.isV4()) {
            assertThat(user).as("user space's decision on %s, which the kernel passed on", hex(wire))
                    .isInstanceOf(ResponderDecision.Drop.class);
        } else {
            assertThat(takenByKernel).as("KernelNdpShape on %s, which the kernel passed on", hex(wire)).isFalse();
        }
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }
}
