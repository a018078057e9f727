package io.metallb.l2.internal.kernel;

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
 * The tcx ingress program that answers ARP requests (RFC 826) for owned IPv4 addresses inside the kernel, the
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
final class ArpReplyProgram {

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

    private ArpReplyProgram() {
    }

    /** The program's instructions for the map {@code ownedMapFd}. Packet words are read little-endian. */
    static byte[] instructions(int ownedMapFd) {
        Ebpf p = new Ebpf();
        p.mov(R6, R1)
                .load(W, R2, R6, SKB_VLAN_PRESENT).jumpImm(JNE, R2, 0, "next")
                .load(W, R2, R6, SKB_DATA).load(W, R3, R6, SKB_DATA_END)
                .mov(R4, R2).addImm(R4, FRAME).jump(JGT, R4, R3, "next")
                // Ethertype 0x0806; hardware 1, protocol 0x0800; lengths 6 and 4, operation 1 (request).
                .load(H, R4, R2, ETH_TYPE).jumpImm(JNE, R4, 0x0608, "next")
                .load(W, R4, R2, ARP_HTYPE_PTYPE).jumpImm(JNE, R4, 0x00080100, "next")
                .load(W, R4, R2, ARP_HLEN_PLEN_OP).jumpImm(JNE, R4, 0x01000406, "next")
                .load(W, R7, R2, ARP_TPA)
                .load(W, R4, R2, ARP_SPA).jump(JEQ, R4, R7, "next")
                .store(W, R10, -4, R7)
                .loadMap(R1, ownedMapFd).mov(R2, R10).addImm(R2, -4).call(FN_MAP_LOOKUP_ELEM)
                .jumpImm(JEQ, R0, 0, "next")
                .mov(R8, R0)
                // The helper call invalidated the packet pointers: load and check them again.
                .load(W, R2, R6, SKB_DATA).load(W, R3, R6, SKB_DATA_END)
                .mov(R4, R2).addImm(R4, FRAME).jump(JGT, R4, R3, "next")
                // Our own frame (looped back on some setups): leave it.
                .load(W, R4, R2, ETH_SRC).load(W, R5, R8, 0).jump(JNE, R4, R5, "answer")
                .load(H, R4, R2, ETH_SRC + 4).load(H, R5, R8, 4).jump(JEQ, R4, R5, "next")
                .label("answer")
                .movImm(R1, 1).atomicAdd64(R8, VALUE_COUNTER, R1)
                // Ethernet: destination := the requester, source := our MAC.
                .load(W, R4, R2, ETH_SRC).store(W, R2, ETH_DST, R4)
                .load(H, R4, R2, ETH_SRC + 4).store(H, R2, ETH_DST + 4, R4)
                .load(W, R4, R8, 0).store(W, R2, ETH_SRC, R4)
                .load(H, R4, R8, 4).store(H, R2, ETH_SRC + 4, R4)
                // ARP: reply; target := the requester's MAC and IP (read before they are overwritten) ...
                .storeImm(H, R2, ARP_OP, 0x0200)
                .load(W, R4, R2, ARP_SHA).store(W, R2, ARP_THA, R4)
                .load(H, R4, R2, ARP_SHA + 4).store(H, R2, ARP_THA + 4, R4)
                .load(W, R4, R2, ARP_SPA).store(W, R2, ARP_TPA, R4)
                // ... sender := our MAC and the address asked for.
                .load(W, R4, R8, 0).store(W, R2, ARP_SHA, R4)
                .load(H, R4, R8, 4).store(H, R2, ARP_SHA + 4, R4)
                .store(W, R2, ARP_SPA, R7)
                // Out of the interface it came in on.
                .load(W, R1, R6, SKB_IFINDEX).movImm(R2, 0).call(FN_REDIRECT)
                .exit()
                .label("next")
                .movImm(R0, TCX_NEXT)
                .exit();
        return p.assemble();
    }
}
