package io.metallb.l2.wire;

import io.metallb.api.net.IpAddress;
import java.util.List;
import java.util.Optional;

/** Sample frames for the codec tests. */
final class Frames {

    static final MacAddress CLIENT = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress NODE = MacAddress.parse("02:00:00:00:00:0a");

    private Frames() {
    }

    static EthernetFrame arpRequest(String target) {
        return EthernetFrame.of(MacAddress.BROADCAST, CLIENT, new ArpPacket(ArpOperation.REQUEST, CLIENT,
                IpAddress.parse("198.51.100.1"), MacAddress.ZERO, IpAddress.parse(target)));
    }

    static EthernetFrame neighborSolicitation(String target) {
        IpAddress t = IpAddress.parse(target);
        return EthernetFrame.of(MacAddress.ipv6Multicast(NdpPacket.solicitedNode(t).low()), CLIENT,
                new NdpPacket(0, 0, IpAddress.parse("2001:db8::1"), NdpPacket.solicitedNode(t),
                        new NeighborSolicitation(t, Optional.of(CLIENT))));
    }

    static EthernetFrame tagged(EthernetFrame f, VlanTag... tags) {
        return new EthernetFrame(f.destination(), f.source(), List.of(tags), f.payload());
    }
}
