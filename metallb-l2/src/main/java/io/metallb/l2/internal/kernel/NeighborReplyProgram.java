package io.metallb.l2.internal.kernel;

import static io.metallb.l2.internal.kernel.Ebpf.B;
import static io.metallb.l2.internal.kernel.Ebpf.DW;
import static io.metallb.l2.internal.kernel.Ebpf.H;
import static io.metallb.l2.internal.kernel.Ebpf.JEQ;
import static io.metallb.l2.internal.kernel.Ebpf.JGT;
import static io.metallb.l2.internal.kernel.Ebpf.JNE;
import static io.metallb.l2.internal.kernel.Ebpf.R0;
import static io.metallb.l2.internal.kernel.Ebpf.R1;
import static io.metallb.l2.internal.kernel.Ebpf.R10;
import static io.metallb.l2.internal.kernel.Ebpf.R2;
import static io.metallb.l2.internal.kernel.Ebpf.R3;
import static io.metallb.l2.internal.kernel.Ebpf.R4;
import static io.metallb.l2.internal.kernel.Ebpf.R5;
import static io.metallb.l2.internal.kernel.Ebpf.R6;
import static io.metallb.l2.internal.kernel.Ebpf.R7;
import static io.metallb.l2.internal.kernel.Ebpf.R8;
import static io.metallb.l2.internal.kernel.Ebpf.W;

/**
 * The tcx ingress program that answers ARP requests (RFC 826) for owned IPv4 addresses inside the kernel (and,
 * when given an IPv6 map, neighbour solicitations of the usual shape: see {@code ndp}), the
 * same answer {@code NeighborResponder} computes: for an untagged Ethernet/IPv4 request whose target is a key of
 * the owned map, not sent from the interface's own MAC and not a probe or announcement of the address itself
 * (sender IP = target IP), it turns the request into the reply in place (Ethernet destination := the requester,
 * source := our MAC; operation 2; sender := our MAC and the target; target := the requester's MAC and IP), adds
 * one to the entry's counter and sends it back out of the interface it came in on ({@code bpf_redirect}). Every
 * other frame goes on unchanged ({@code TCX_NEXT}) to the kernel and the user-space responder.
 *
 * <p>Map: key the IPv4 address (4 bytes, network order), value {@link #VALUE_SIZE} bytes: the MAC to answer with
 * (6), padding (2), the requests answered (u64, host order).
 */
final class NeighborReplyProgram {

    static final int KEY_SIZE = 4;
    static final int VALUE_SIZE = 16;
    static final int VALUE_COUNTER = 8;

    /** {@code struct __sk_buff} field offsets. */
    private static final int SKB_VLAN_PRESENT = 20;
    private static final int SKB_IFINDEX = 40;
    private static final int SKB_DATA = 76;
    private static final int SKB_DATA_END = 80;
    /** Ethernet header (14) and the ARP body for Ethernet/IPv4 (28). */
    private static final int FRAME = 42;
    /** tcx verdict: continue with the next program and the stack. */
    private static final int TCX_NEXT = -1;
    private static final int FN_MAP_LOOKUP_ELEM = 1;
    private static final int FN_REDIRECT = 23;

    // Frame offsets.
    private static final int ETH_DST = 0;
    private static final int ETH_SRC = 6;
    private static final int ETH_TYPE = 12;
    private static final int ARP_HTYPE_PTYPE = 14;
    private static final int ARP_HLEN_PLEN_OP = 18;
    private static final int ARP_OP = 20;
    private static final int ARP_SHA = 22;
    private static final int ARP_SPA = 28;
    private static final int ARP_THA = 32;
    private static final int ARP_TPA = 38;

    private NeighborReplyProgram() {
    }

    /** The program's instructions for the map {@code ownedMapFd}, IPv4 only. Packet words are read little-endian. */
    static byte[] instructions(int ownedMapFd) {
        return instructions(ownedMapFd, -1);
    }

    /**
     * The program for the IPv4 map {@code ownedMapFd} and, unless {@code ownedV6MapFd} is -1, the IPv6 map (key
     * the 16-byte address, value as the IPv4 one) for neighbour solicitations (see {@link #ndp}).
     */
    static byte[] instructions(int ownedMapFd, int ownedV6MapFd) {
        Ebpf p = new Ebpf();
        p.mov(R6, R1)
                .load(W, R2, R6, SKB_VLAN_PRESENT).jumpImm(JNE, R2, 0, "next")
                .load(W, R2, R6, SKB_DATA).load(W, R3, R6, SKB_DATA_END)
                .mov(R4, R2).addImm(R4, FRAME).jump(JGT, R4, R3, "next")
                .load(H, R4, R2, ETH_TYPE);
        if (ownedV6MapFd >= 0) {
            p.jumpImm(JEQ, R4, 0xdd86, "ndp");
        }
        // Ethertype 0x0806; hardware 1, protocol 0x0800; lengths 6 and 4, operation 1 (request).
        p.jumpImm(JNE, R4, 0x0608, "next")
                .load(W, R4, R2, ARP_HTYPE_PTYPE).jumpImm(JNE, R4, 0x00080100, "next")
                .load(W, R4, R2, ARP_HLEN_PLEN_OP).jumpImm(JNE, R4, 0x01000406, "next")
                .load(W, R7, R2, ARP_TPA)
                .load(W, R4, R2, ARP_SPA).jump(JEQ, R4, R7, "next")
                .store(W, R10, -4, R7)
                .loadMap(R1, ownedMapFd).mov(R2, R10).addImm(R2, -4).call(FN_MAP_LOOKUP_ELEM)
                .jumpImm(JEQ, R0, 0, "next")
                .mov(R8, R0);
        // The helper call invalidated the packet pointers: load and check them again.
        reload(p, FRAME);
        // Ethernet: destination := the requester, source := our MAC.
        answer(p, "answer", ETH_SRC);
        p.storeImm(H, R2, ARP_OP, 0x0200)
                // ARP: reply; target := the requester's MAC and IP (read before they are overwritten) ...
                .load(W, R4, R2, ARP_SHA).store(W, R2, ARP_THA, R4)
                .load(H, R4, R2, ARP_SHA + 4).store(H, R2, ARP_THA + 4, R4)
                .load(W, R4, R2, ARP_SPA).store(W, R2, ARP_TPA, R4);
        // ... sender := our MAC and the address asked for.
        ourMac(p, ARP_SHA);
        p.store(W, R2, ARP_SPA, R7)
                .label("send")
                // Out of the interface it came in on.
                .load(W, R1, R6, SKB_IFINDEX).movImm(R2, 0).call(FN_REDIRECT)
                .exit()
                .label("next")
                .movImm(R0, TCX_NEXT)
                .exit();
        if (ownedV6MapFd >= 0) {
            ndp(p.label("ndp"), ownedV6MapFd);
        }
        return p.assemble();
    }

    /** Ethernet header, IPv6 header, NS/NA body and one 8-byte link-layer option. */
    static final int NDP_FRAME = 86;
    private static final int IP6_VERSION = 14;
    private static final int IP6_LENGTH_NEXT_HOPS = 18;
    private static final int IP6_SRC = 22;
    private static final int IP6_DST = 38;
    private static final int ICMP6 = 54;
    private static final int ICMP6_CHECKSUM = 56;
    private static final int NDP_FLAGS = 58;
    private static final int NDP_TARGET = 62;
    private static final int NDP_OPTION = 78;
    private static final int NDP_OPTION_MAC = 80;
    /** Pseudo-header words besides the addresses, as little-endian loads: length 32, next header 58. */
    private static final int PSEUDO_SEED = 0x20000000 + 0x3a000000;
    private static final int FN_CSUM_DIFF = 28;

    /**
     * Neighbour solicitations (RFC 4861 §4.3) in their usual shape only: untagged IPv6, payload 32 bytes (the
     * NS body and one option), next header 58, hop limit 255, type 135 code 0, the option a source link-layer
     * address, source neither :: nor multicast, a valid checksum, an owned target, not from our MAC. Turned in
     * place into the solicited advertisement {@code NeighborResponder} sends (to the solicitor's link-layer
     * address; from the target, S and O set, a target link-layer option with our MAC, checksum recomputed). Any
     * other solicitation goes on to the user-space responder, which answers it ({@code KernelNdpShape} tells it
     * which ones the kernel took).
     */
    private static void ndp(Ebpf p, int ownedV6MapFd) {
        p.mov(R4, R2).addImm(R4, NDP_FRAME).jump(JGT, R4, R3, "next")
                .load(B, R4, R2, IP6_VERSION).andImm(R4, 0xf0).jumpImm(JNE, R4, 0x60, "next")
                // Payload length 32, next header 58, hop limit 255 (bytes 00 20 3a ff).
                .load(W, R4, R2, IP6_LENGTH_NEXT_HOPS).jump32Imm(JNE, R4, 0xff3a2000, "next")
                .load(H, R4, R2, ICMP6).jumpImm(JNE, R4, 0x0087, "next")
                .load(H, R4, R2, NDP_OPTION).jumpImm(JNE, R4, 0x0101, "next")
                .load(B, R4, R2, IP6_SRC).jumpImm(JEQ, R4, 0xff, "next")
                .load(DW, R4, R2, IP6_SRC).load(DW, R5, R2, IP6_SRC + 8).orReg(R4, R5).jumpImm(JEQ, R4, 0, "next")
                // Checksum over source, destination and the message (contiguous), plus the pseudo-header words.
                .mov(R3, R2).addImm(R3, IP6_SRC).movImm(R1, 0).movImm(R2, 0).movImm(R4, 64)
                .movImm(R5, PSEUDO_SEED).call(FN_CSUM_DIFF);
        fold(p);
        p.jumpImm(JNE, R0, 0xffff, "next");
        reload(p, NDP_FRAME);
        p.load(DW, R4, R2, NDP_TARGET).store(DW, R10, -16, R4)
                .load(DW, R4, R2, NDP_TARGET + 8).store(DW, R10, -8, R4)
                .loadMap(R1, ownedV6MapFd).mov(R2, R10).addImm(R2, -16).call(FN_MAP_LOOKUP_ELEM)
                .jumpImm(JEQ, R0, 0, "next")
                .mov(R8, R0);
        reload(p, NDP_FRAME);
        // Ethernet: to the solicitor's link-layer address, from ours.
        answer(p, "ndp-answer", NDP_OPTION_MAC);
        // IPv6: traffic class and flow label 0; to the solicitor, from the target.
        p.storeImm(W, R2, IP6_VERSION, 0x60)
                .load(DW, R4, R2, IP6_SRC).store(DW, R2, IP6_DST, R4)
                .load(DW, R4, R2, IP6_SRC + 8).store(DW, R2, IP6_DST + 8, R4)
                .load(DW, R4, R2, NDP_TARGET).store(DW, R2, IP6_SRC, R4)
                .load(DW, R4, R2, NDP_TARGET + 8).store(DW, R2, IP6_SRC + 8, R4)
                // ICMPv6: type 136 code 0, checksum 0 for now, S and O set; target link-layer option, our MAC.
                .storeImm(H, R2, ICMP6, 0x0088).storeImm(H, R2, ICMP6_CHECKSUM, 0).storeImm(W, R2, NDP_FLAGS, 0x60)
                .storeImm(H, R2, NDP_OPTION, 0x0102);
        ourMac(p, NDP_OPTION_MAC);
        p.mov(R3, R2).addImm(R3, IP6_SRC).movImm(R1, 0).movImm(R2, 0).movImm(R4, 64)
                .movImm(R5, PSEUDO_SEED).call(FN_CSUM_DIFF);
        fold(p);
        p.xorImm(R0, 0xffff);
        reload(p, NDP_FRAME);
        p.store(H, R2, ICMP6_CHECKSUM, R0).goTo("send");
    }

    /**
     * With {@code r2} the checked packet and {@code r8} the map value: leaves our own frame (looped back on some
     * setups) alone, counts the answer, and sets the Ethernet destination to the 6 bytes at {@code dstFrom}
     * (read before the source is overwritten) and the source to our MAC.
     */
    private static void answer(Ebpf p, String label, int dstFrom) {
        p.load(W, R4, R2, ETH_SRC).load(W, R5, R8, 0).jump(JNE, R4, R5, label)
                .load(H, R4, R2, ETH_SRC + 4).load(H, R5, R8, 4).jump(JEQ, R4, R5, "next")
                .label(label)
                .movImm(R1, 1).atomicAdd64(R8, VALUE_COUNTER, R1)
                .load(W, R4, R2, dstFrom).store(W, R2, ETH_DST, R4)
                .load(H, R4, R2, dstFrom + 4).store(H, R2, ETH_DST + 4, R4);
        ourMac(p, ETH_SRC);
    }

    /** Our MAC (the map value's first 6 bytes, {@code r8}) into the packet at {@code offset}. */
    private static void ourMac(Ebpf p, int offset) {
        p.load(W, R4, R8, 0).store(W, R2, offset, R4).load(H, R4, R8, 4).store(H, R2, offset + 4, R4);
    }

    /** {@code r0}: the 32-bit sum folded to 16 bits (twice: the first fold can carry once more). */
    private static void fold(Ebpf p) {
        for (int i = 0; i < 2; i++) {
            p.mov(R1, R0).rshImm(R1, 16).andImm(R0, 0xffff).addReg(R0, R1);
        }
    }

    /** Packet pointers again after a helper call ({@code r2} data, {@code r3} end), and the length check. */
    private static void reload(Ebpf p, int length) {
        p.load(W, R2, R6, SKB_DATA).load(W, R3, R6, SKB_DATA_END)
                .mov(R4, R2).addImm(R4, length).jump(JGT, R4, R3, "next");
    }
}
