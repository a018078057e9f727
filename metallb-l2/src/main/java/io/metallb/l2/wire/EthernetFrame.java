package io.metallb.l2.wire;

import java.util.List;
import java.util.Objects;

/**
 * An Ethernet II frame carrying ARP or IPv6 neighbour discovery, without the FCS. The EtherType follows from the
 * payload.
 *
 * <pre>
 * +-------------+-------------+-----------------------+-----------+----------------------+
 * | dst MAC (6) | src MAC (6) | 802.1Q tags (4 each)  | type (2)  | payload (pad to 60)  |
 * +-------------+-------------+-----------------------+-----------+----------------------+
 * </pre>
 *
 * @param tags 802.1Q/802.1ad tags, outermost first, at most {@link #MAX_TAGS}
 */
public record EthernetFrame(MacAddress destination, MacAddress source, List<VlanTag> tags, EthernetPayload payload) {

    /** More than QinQ's two tags is not something a LAN segment we answer on carries. */
    public static final int MAX_TAGS = 2;
    /** EtherType of ARP (RFC 826). */
    public static final int ETHERTYPE_ARP = 0x0806;
    /** EtherType of IPv6 (RFC 2464 §3). */
    public static final int ETHERTYPE_IPV6 = 0x86DD;

    public EthernetFrame {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(source, "source");
        tags = List.copyOf(tags);
        Objects.requireNonNull(payload, "payload");
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException("VLAN tags: " + tags.size() + " (expected: at most " + MAX_TAGS + ")");
        }
    }

    /** An untagged frame. */
    public static EthernetFrame of(MacAddress destination, MacAddress source, EthernetPayload payload) {
        return new EthernetFrame(destination, source, List.of(), payload);
    }

    /** The EtherType after the tags. */
    public int etherType() {
        return payload instanceof ArpPacket ? ETHERTYPE_ARP : ETHERTYPE_IPV6;
    }
}
