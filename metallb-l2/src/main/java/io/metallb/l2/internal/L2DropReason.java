package io.metallb.l2.internal;

/** Why the responder did not answer a received frame; each counted per interface. */
public enum L2DropReason {
    /** The decoder refused the bytes (see {@link io.metallb.l2.wire.FrameDropReason}). */
    MALFORMED,
    /** An ARP reply or a neighbour advertisement: nothing to answer. */
    NOT_A_REQUEST,
    /** The address asked about is not one this node owns. */
    NOT_OWNED,
    /** This node owns the address, but not on the interface the request came in on. */
    WRONG_INTERFACE,
    /** Our own frame looped back. */
    OWN_FRAME,
    /** An 802.1Q-tagged frame on the untagged interface: its VLAN interface answers, if selected. */
    VLAN_TAGGED,
    /** A duplicate address detection probe or gratuitous ARP for the address (RFC 5227 §2.1.1 probe). */
    PROBE,
    /** A neighbour solicitation the kernel's responder answered already (see {@code KernelNdpShape}). */
    ANSWERED_IN_KERNEL
}
