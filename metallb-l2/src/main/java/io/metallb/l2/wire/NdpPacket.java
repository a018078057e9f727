package io.metallb.l2.wire;

import io.metallb.api.net.IpAddress;
import java.util.Objects;

/**
 * An IPv6 packet (RFC 8200 §3) carrying one neighbour discovery message directly as ICMPv6 (next header 58, no
 * extension headers). The hop limit is always 255 (RFC 4861 §7.1: anything else may come from off-link).
 *
 * <pre>
 * |ver=6| traffic class |  flow label (20)  | payload length | next=58 | hop limit=255 |
 * | source address (128)                   | destination address (128)                 |
 * </pre>
 */
public record NdpPacket(int trafficClass, int flowLabel, IpAddress source, IpAddress destination, NdpMessage message)
        implements EthernetPayload {

    /** RFC 4861 §7.1.1/§7.1.2. */
    public static final int HOP_LIMIT = 255;

    public NdpPacket {
        if (trafficClass < 0 || trafficClass > 0xFF) {
            throw new IllegalArgumentException("traffic class: " + trafficClass + " (expected: 0..255)");
        }
        if (flowLabel < 0 || flowLabel > 0xF_FFFF) {
            throw new IllegalArgumentException("flow label: " + flowLabel + " (expected: 0..0xfffff)");
        }
        if (source.isV4() || destination.isV4()) {
            throw new IllegalArgumentException("IPv6 addresses: " + source + ", " + destination + " (expected: IPv6)");
        }
        Objects.requireNonNull(message, "message");
        if (isMulticast(source)) {
            // RFC 4291 §2.7: a multicast address is never a source; answering it would address a group.
            throw new IllegalArgumentException("IPv6 source: " + source + " (expected: not multicast)");
        }
        if (message instanceof NeighborSolicitation ns && isUnspecified(source) && ns.sourceLinkAddress().isPresent()) {
            // RFC 4861 §7.1.1: a DAD probe from :: must not carry a source link-layer address.
            throw new IllegalArgumentException("NS from :: with a source link-layer option (expected: none)");
        }
        if (message instanceof NeighborAdvertisement na && na.solicited() && isMulticast(destination)) {
            // RFC 4861 §7.1.2: a solicited advertisement goes to the solicitor, never to a group.
            throw new IllegalArgumentException("solicited NA to " + destination + " (expected: unicast destination)");
        }
    }

    /** True for {@code ff00::/8}. */
    public static boolean isMulticast(IpAddress a) {
        return !a.isV4() && (a.high() >>> 56) == 0xFF;
    }

    /** True for {@code ::}. */
    public static boolean isUnspecified(IpAddress a) {
        return a.high() == 0 && a.low() == 0;
    }

    /** The solicited-node multicast group of {@code a}: ff02::1:ff00:0/104 + its low 24 bits (RFC 4291 §2.7.1). */
    public static IpAddress solicitedNode(IpAddress a) {
        return IpAddress.ofV6(0xFF02_0000_0000_0000L, 0x0000_0001_FF00_0000L | (a.low() & 0xFF_FFFFL));
    }

    /** ff02::1, all nodes on the link. */
    public static final IpAddress ALL_NODES = IpAddress.ofV6(0xFF02_0000_0000_0000L, 1);
}
