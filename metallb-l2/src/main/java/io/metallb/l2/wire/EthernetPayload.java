package io.metallb.l2.wire;

/** What an {@link EthernetFrame} carries: the two protocols a layer 2 announcer speaks. */
public sealed interface EthernetPayload permits ArpPacket, NdpPacket {
}
