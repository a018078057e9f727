package io.metallb.l2.internal;

import io.metallb.api.net.IpAddress;
import io.metallb.l2.wire.ArpOperation;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrame;
import io.metallb.l2.wire.EthernetFrameEncoder;
import io.metallb.l2.wire.MacAddress;
import io.metallb.l2.wire.NdpPacket;
import io.metallb.l2.wire.NeighborAdvertisement;
import java.util.List;
import java.util.Optional;

/** The frames that tell a segment an address now lives at this MAC, as MetalLB sends them. */
final class GratuitousFrames {

    private GratuitousFrames() {
    }

    /**
     * IPv4: a broadcast ARP request and a broadcast ARP reply, both with sender = target = the address (RFC 5227
     * §3; MetalLB {@code internal/layer2/arp.go} {@code gratuitous}), since some hosts heed only one of the two.
     * IPv6: an unsolicited NA to ff02::1 with O set and S clear (RFC 4861 §7.2.6).
     */
    static List<byte[]> of(IpAddress address, MacAddress mac) {
        if (address.isV4()) {
            return List.of(arp(ArpOperation.REQUEST, address, mac), arp(ArpOperation.REPLY, address, mac));
        }
        EthernetFrame na = EthernetFrame.of(MacAddress.ipv6Multicast(NdpPacket.ALL_NODES.low()), mac,
                new NdpPacket(0, 0, address, NdpPacket.ALL_NODES,
                        new NeighborAdvertisement(false, false, true, address, Optional.of(mac))));
        return List.of(EthernetFrameEncoder.encode(na));
    }

    private static byte[] arp(ArpOperation op, IpAddress address, MacAddress mac) {
        return EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, mac,
                new ArpPacket(op, mac, address, MacAddress.BROADCAST, address)));
    }
}
