package io.metallb.l2.internal;

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

/**
 * The pure answer to one received frame on one interface: an ARP reply (RFC 826) or a solicited neighbour
 * advertisement (RFC 4861 §7.2.4) for an address this node owns there, or a counted drop reason.
 */
final class NeighborResponder {

    private NeighborResponder() {
    }

    /**
     * @param mac the interface's MAC
     * @param ownedHere addresses this node answers for on this interface
     * @param ownedElsewhere addresses it answers for on other interfaces only
     */
    static ResponderDecision respond(byte[] bytes, MacAddress mac, Set<IpAddress> ownedHere,
            Set<IpAddress> ownedElsewhere) {
        if (!(EthernetFrameDecoder.decode(bytes) instanceof FrameDecoding.Decoded decoded)) {
            return new ResponderDecision.Drop(L2DropReason.MALFORMED);
        }
        EthernetFrame frame = decoded.frame();
        if (frame.source().equals(mac)) {
            return new ResponderDecision.Drop(L2DropReason.OWN_FRAME);
        }
        if (!frame.tags().isEmpty()) {
            return new ResponderDecision.Drop(L2DropReason.VLAN_TAGGED);
        }
        IpAddress target;
        if (frame.payload() instanceof ArpPacket arp) {
            if (arp.operation() != ArpOperation.REQUEST) {
                return new ResponderDecision.Drop(L2DropReason.NOT_A_REQUEST);
            }
            target = arp.targetIp();
        } else {
            NdpPacket ndp = (NdpPacket) frame.payload();
            if (!(ndp.message() instanceof NeighborSolicitation)) {
                return new ResponderDecision.Drop(L2DropReason.NOT_A_REQUEST);
            }
            target = ndp.message().target();
        }
        if (!ownedHere.contains(target)) {
            return new ResponderDecision.Drop(
                    ownedElsewhere.contains(target) ? L2DropReason.WRONG_INTERFACE : L2DropReason.NOT_OWNED);
        }
        if (frame.payload() instanceof ArpPacket arp) {
            if (arp.senderIp().equals(target)) {
                // Someone else announcing or probing our address: answering would only fight over the cache.
                return new ResponderDecision.Drop(L2DropReason.PROBE);
            }
            return reply(EthernetFrame.of(frame.source(), mac,
                    new ArpPacket(ArpOperation.REPLY, mac, target, arp.senderMac(), arp.senderIp())), target);
        }
        return reply(advertisement(frame, (NdpPacket) frame.payload(), mac, target), target);
    }

    /**
     * RFC 4861 §7.2.4: from the target, to the solicitor; from :: (a DAD probe) to all-nodes with S clear. O is
     * set as MetalLB does, so a takeover replaces cached entries.
     */
    private static EthernetFrame advertisement(EthernetFrame request, NdpPacket ns, MacAddress mac, IpAddress target) {
        boolean dad = NdpPacket.isUnspecified(ns.source());
        IpAddress destination = dad ? NdpPacket.ALL_NODES : ns.source();
        Optional<MacAddress> solicitorLink = ((NeighborSolicitation) ns.message()).sourceLinkAddress();
        MacAddress ethDestination = dad ? MacAddress.ipv6Multicast(NdpPacket.ALL_NODES.low())
                : solicitorLink.orElse(request.source());
        return EthernetFrame.of(ethDestination, mac, new NdpPacket(0, 0, target, destination,
                new NeighborAdvertisement(false, !dad, true, target, Optional.of(mac))));
    }

    private static ResponderDecision reply(EthernetFrame frame, IpAddress target) {
        return new ResponderDecision.Reply(new ResponderDecision.Frame(EthernetFrameEncoder.encode(frame)), target);
    }
}
