package io.metallb.l2.wire;

/** Why the frame decoder refused a frame: each a counted, expected outcome, never an exception. */
public enum FrameDropReason {
    /** Shorter than the Ethernet header and its tags. */
    TRUNCATED_ETHERNET,
    /** More 802.1Q tags than {@link EthernetFrame#MAX_TAGS}. */
    TOO_MANY_VLAN_TAGS,
    /** Neither ARP nor IPv6. */
    UNSUPPORTED_ETHERTYPE,
    /** Shorter than the 28 bytes of an Ethernet/IPv4 ARP packet. */
    TRUNCATED_ARP,
    /** ARP for another hardware or protocol type, or other address lengths. */
    ARP_NOT_ETHERNET_IPV4,
    /** ARP opcode other than request and reply (RARP, InARP, ...). */
    ARP_UNKNOWN_OPERATION,
    /** Shorter than the IPv6 header, or than its payload length says. */
    TRUNCATED_IPV6,
    /** The version nibble is not 6. */
    IPV6_BAD_VERSION,
    /** Next header is not ICMPv6 (extension headers included: NDP never uses them). */
    NOT_ICMPV6,
    /** The ICMPv6 checksum (RFC 4443 §2.3) does not match. */
    ICMPV6_BAD_CHECKSUM,
    /** ICMPv6 but neither NS nor NA. */
    NOT_NDP,
    /** RFC 4861 §7.1: hop limit not 255, code not 0, or shorter than 24 bytes. */
    NDP_INVALID,
    /** RFC 4861 §7.1: an option of length 0, or one running past the packet. */
    NDP_BAD_OPTION,
    /** RFC 4861 §7.1: a multicast target or source, an SLLA from ::, or a solicited NA to a group. */
    NDP_BAD_ADDRESSES
}
