package io.metallb.l2.internal.pcap;

import io.metallb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The capture filter for a set of owned addresses: ARP requests and neighbour solicitations whose target is one of
 * them, so a flood of requests for other addresses is dropped by the kernel and never costs a JNA up-call.
 *
 * <pre>
 * ARP (RFC 826), offsets from the ARP header:    IPv6 + ICMPv6 NS (RFC 4861 §4.3), offsets from the IPv6 header:
 *   6  opcode (1 = request)                        40  ICMPv6 type (135 = NS; NDP has no extension headers)
 *   24 target protocol address (4 bytes)           48  target address (16 bytes: ip6[48..63])
 * </pre>
 *
 * Above {@link #MAX_ADDRESSES} addresses the program would approach the kernel's 4096-instruction limit, so the
 * unfiltered {@link PcapPacketChannelFactory#FILTER} is used instead (the responder checks every frame anyway).
 */
final class OwnedAddressFilter {

    /** Each address costs 1-4 BPF comparisons; this stays far below BPF_MAXINSNS (4096). */
    static final int MAX_ADDRESSES = 512;
    /** Matches nothing: no frame is shorter than one byte. */
    static final String NOTHING = "less 0";

    private OwnedAddressFilter() {
    }

    /** The filter expression admitting requests for {@code owned} only. */
    static String of(Set<IpAddress> owned) {
        if (owned.size() > MAX_ADDRESSES) {
            return PcapPacketChannelFactory.FILTER;
        }
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (IpAddress a : new TreeSet<>(owned)) {
            if (a.isV4()) {
                v4.add("arp[24:4] = " + hex(a.low()));
            } else {
                v6.add(String.format(Locale.ROOT, "(ip6[48:4] = %s and ip6[52:4] = %s and ip6[56:4] = %s and "
                        + "ip6[60:4] = %s)", hex(a.high() >>> 32), hex(a.high() & 0xFFFF_FFFFL),
                        hex(a.low() >>> 32), hex(a.low() & 0xFFFF_FFFFL)));
            }
        }
        List<String> parts = new ArrayList<>();
        if (!v4.isEmpty()) {
            parts.add("(arp and arp[6:2] = 1 and (" + String.join(" or ", v4) + "))");
        }
        if (!v6.isEmpty()) {
            parts.add("(icmp6 and ip6[40] = 135 and (" + String.join(" or ", v6) + "))");
        }
        return parts.isEmpty() ? NOTHING : String.join(" or ", parts);
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value & 0xFFFF_FFFFL);
    }
}
