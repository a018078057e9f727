package io.metallb.l2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpAddress;
import io.metallb.l2.wire.ArpOperation;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrame;
import io.metallb.l2.wire.EthernetFrameDecoder;
import io.metallb.l2.wire.EthernetFrameEncoder;
import io.metallb.l2.wire.FrameDecoding;
import io.metallb.l2.wire.MacAddress;
import io.metallb.l2.wire.NdpPacket;
import io.metallb.l2.wire.NeighborAdvertisement;
import io.metallb.l2.wire.NeighborSolicitation;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NeighborResponderTest {

    static final MacAddress ME = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress CLIENT = MacAddress.parse("02:00:00:00:00:01");
    static final IpAddress V4 = IpAddress.parse("198.51.100.50");
    static final IpAddress V6 = IpAddress.parse("2001:db8::50");

    static byte[] arp(ArpOperation op, MacAddress from, IpAddress sender, IpAddress target) {
        return EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, from,
                new ArpPacket(op, from, sender, MacAddress.ZERO, target)));
    }

    static byte[] ns(IpAddress source, IpAddress target, Optional<MacAddress> sll) {
        return EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.ipv6Multicast(NdpPacket.solicitedNode(target).low()),
                CLIENT, new NdpPacket(0, 0, source, NdpPacket.solicitedNode(target), new NeighborSolicitation(target, sll))));
    }

    private static EthernetFrame replyOf(ResponderDecision d) {
        assertThat(d).isInstanceOf(ResponderDecision.Reply.class);
        return ((FrameDecoding.Decoded) EthernetFrameDecoder.decode(((ResponderDecision.Reply) d).frame().bytes())).frame();
    }

    private static ResponderDecision respond(byte[] frame) {
        return NeighborResponder.respond(frame, ME, Set.of(V4, V6), Set.of(IpAddress.parse("198.51.100.60")));
    }

    @Test
    void arpRequestForOwnedAddressGetsReplyWithOurMac() {
        EthernetFrame reply = replyOf(respond(arp(ArpOperation.REQUEST, CLIENT, IpAddress.parse("198.51.100.1"), V4)));
        assertThat(reply.destination()).isEqualTo(CLIENT);
        assertThat(reply.source()).isEqualTo(ME);
        assertThat(reply.payload()).isEqualTo(new ArpPacket(ArpOperation.REPLY, ME, V4, CLIENT,
                IpAddress.parse("198.51.100.1")));
    }

    @Test
    void everyOtherFrameIsDroppedWithItsReason() {
        IpAddress client = IpAddress.parse("198.51.100.1");
        assertThat(respond(arp(ArpOperation.REQUEST, CLIENT, client, IpAddress.parse("198.51.100.99"))))
                .isEqualTo(new ResponderDecision.Drop(L2DropReason.NOT_OWNED));
        assertThat(respond(arp(ArpOperation.REQUEST, CLIENT, client, IpAddress.parse("198.51.100.60"))))
                .isEqualTo(new ResponderDecision.Drop(L2DropReason.WRONG_INTERFACE));
        assertThat(respond(arp(ArpOperation.REPLY, CLIENT, client, V4)))
                .isEqualTo(new ResponderDecision.Drop(L2DropReason.NOT_A_REQUEST));
        assertThat(respond(arp(ArpOperation.REQUEST, ME, client, V4)))
                .isEqualTo(new ResponderDecision.Drop(L2DropReason.OWN_FRAME));
        assertThat(respond(arp(ArpOperation.REQUEST, CLIENT, V4, V4)))
                .isEqualTo(new ResponderDecision.Drop(L2DropReason.PROBE));
        assertThat(respond(new byte[] {1, 2, 3})).isEqualTo(new ResponderDecision.Drop(L2DropReason.MALFORMED));
    }

    @Test
    void solicitationGetsSolicitedOverrideAdvertisementToTheSolicitor() {
        IpAddress client = IpAddress.parse("2001:db8::1");
        EthernetFrame reply = replyOf(respond(ns(client, V6, Optional.of(CLIENT))));
        assertThat(reply.destination()).isEqualTo(CLIENT);
        assertThat(reply.payload()).isEqualTo(new NdpPacket(0, 0, V6, client,
                new NeighborAdvertisement(false, true, true, V6, Optional.of(ME))));
    }

    @Test
    void duplicateAddressProbeIsAnsweredToAllNodesUnsolicited() {
        EthernetFrame reply = replyOf(respond(ns(IpAddress.parse("::"), V6, Optional.empty())));
        assertThat(reply.destination()).isEqualTo(MacAddress.parse("33:33:00:00:00:01"));
        NdpPacket na = (NdpPacket) reply.payload();
        assertThat(na.destination()).isEqualTo(NdpPacket.ALL_NODES);
        assertThat(((NeighborAdvertisement) na.message()).solicited()).isFalse();
    }

    @Test
    void gratuitousFramesAreMetalLbsPairAndUnsolicitedNa() {
        var v4 = GratuitousFrames.of(V4, ME).stream().map(b -> ((FrameDecoding.Decoded) EthernetFrameDecoder.decode(b))
                .frame().payload()).toList();
        assertThat(v4).containsExactly(new ArpPacket(ArpOperation.REQUEST, ME, V4, MacAddress.BROADCAST, V4),
                new ArpPacket(ArpOperation.REPLY, ME, V4, MacAddress.BROADCAST, V4));
        var v6 = ((FrameDecoding.Decoded) EthernetFrameDecoder.decode(GratuitousFrames.of(V6, ME).get(0))).frame();
        assertThat(v6.payload()).isEqualTo(new NdpPacket(0, 0, V6, NdpPacket.ALL_NODES,
                new NeighborAdvertisement(false, false, true, V6, Optional.of(ME))));
    }
}
