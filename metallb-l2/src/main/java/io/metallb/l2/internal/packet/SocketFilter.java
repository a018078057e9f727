package io.metallb.l2.internal.packet;

import io.metallb.api.net.IpAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A classic BPF program (the kernel's {@code struct sock_filter[]}, attached with SO_ATTACH_FILTER) admitting
 * ARP requests and neighbour solicitations, only those for owned targets when a target set is given, so a flood
 * for other addresses is dropped in the kernel and never wakes the receive thread. Offsets are from the start of
 * an untagged Ethernet frame (the kernel hands 802.1Q tags of a veth or NIC out of band):
 *
 * <pre>
 *  12 EtherType (0x0806 ARP, 0x86DD IPv6)
 *  ARP (RFC 826):              20 opcode (1 = request)      38 target protocol address (4 bytes)
 *  IPv6 (RFC 8200, 4861 §4.3): 20 next header (58 = ICMPv6) 54 ICMPv6 type (135 = NS)  62 target (16 bytes)
 * </pre>
 *
 * Every comparison is followed by its own {@code ret}, so no conditional jump spans more than a few instructions
 * (classic BPF jump offsets are 8 bits) and section starts are reached with {@code ja} (32 bits). Above
 * {@link #MAX_ADDRESSES} targets the unnarrowed program is used (the responder checks every frame anyway).
 */
public final class SocketFilter {

    /** 2 instructions per IPv4 target, 9 per IPv6 one: far below BPF_MAXINSNS (4096). */
    static final int MAX_ADDRESSES = 400;
    /** Bytes of an admitted frame kept: any ARP or NS with options fits. */
    static final int ACCEPT = 2048;

    // Opcodes from linux/bpf_common.h.
    private static final short LD_W_ABS = 0x20;
    private static final short LD_H_ABS = 0x28;
    private static final short LD_B_ABS = 0x30;
    private static final short JMP_JA = 0x05;
    private static final short JMP_JEQ_K = 0x15;
    private static final short RET_K = 0x06;

    private record Insn(short code, int jt, int jf, int k) {
    }

    private final List<Insn> insns = new ArrayList<>();

    private SocketFilter() {
    }

    /** Requests for any target. */
    static ByteBuffer requests() {
        return build(null);
    }

    /** Requests whose target is in {@code targets}; nothing at all when it is empty. */
    public static ByteBuffer requestsFor(Set<IpAddress> targets) {
        return build(targets.size() > MAX_ADDRESSES ? null : targets);
    }

    /**
     * ARP replies (opcode 2) from {@code sender} to {@code target} (the flood's reply counter: a gratuitous reply
     * of the responder, addressed to itself, is not an answer to the flood).
     */
    public static ByteBuffer arpRepliesFrom(IpAddress sender, IpAddress target) {
        SocketFilter f = new SocketFilter();
        f.add(LD_H_ABS, 0, 0, 12);
        f.add(JMP_JEQ_K, 0, 7, 0x0806);
        f.add(LD_H_ABS, 0, 0, 20);
        f.add(JMP_JEQ_K, 0, 5, 2);
        f.add(LD_W_ABS, 0, 0, 28); // 14 + 14: sender protocol address
        f.add(JMP_JEQ_K, 0, 3, (int) sender.low());
        f.add(LD_W_ABS, 0, 0, 38); // 14 + 24: target protocol address
        f.add(JMP_JEQ_K, 0, 1, (int) target.low());
        f.add(RET_K, 0, 0, ACCEPT);
        f.add(RET_K, 0, 0, 0);
        return f.toBuffer();
    }

    /** {@code targets == null}: every request. */
    private static ByteBuffer build(Set<IpAddress> targets) {
        SocketFilter f = new SocketFilter();
        List<IpAddress> v4 = new ArrayList<>();
        List<IpAddress> v6 = new ArrayList<>();
        if (targets != null) {
            for (IpAddress a : new TreeSet<>(targets)) {
                (a.isV4() ? v4 : v6).add(a);
            }
        }
        boolean arp = targets == null || !v4.isEmpty();
        boolean ns = targets == null || !v6.isEmpty();
        f.add(LD_H_ABS, 0, 0, 12);
        int arpJump = -1;
        int nsJump = -1;
        if (arp) {
            f.add(JMP_JEQ_K, 0, 1, 0x0806);
            arpJump = f.add(JMP_JA, 0, 0, 0);
        }
        if (ns) {
            f.add(JMP_JEQ_K, 0, 1, 0x86DD);
            nsJump = f.add(JMP_JA, 0, 0, 0);
        }
        f.add(RET_K, 0, 0, 0);
        if (arp) {
            f.patchJump(arpJump);
            f.add(LD_H_ABS, 0, 0, 20);
            f.add(JMP_JEQ_K, 1, 0, 1);
            f.add(RET_K, 0, 0, 0);
            if (targets == null) {
                f.add(RET_K, 0, 0, ACCEPT);
            } else {
                f.add(LD_W_ABS, 0, 0, 38);
                for (IpAddress a : v4) {
                    f.add(JMP_JEQ_K, 0, 1, (int) a.low());
                    f.add(RET_K, 0, 0, ACCEPT);
                }
                f.add(RET_K, 0, 0, 0);
            }
        }
        if (ns) {
            f.patchJump(nsJump);
            f.add(LD_B_ABS, 0, 0, 20);
            f.add(JMP_JEQ_K, 1, 0, 58);
            f.add(RET_K, 0, 0, 0);
            f.add(LD_B_ABS, 0, 0, 54);
            f.add(JMP_JEQ_K, 1, 0, 135);
            f.add(RET_K, 0, 0, 0);
            if (targets == null) {
                f.add(RET_K, 0, 0, ACCEPT);
            } else {
                for (IpAddress a : v6) {
                    int[] words = {(int) (a.high() >>> 32), (int) a.high(), (int) (a.low() >>> 32), (int) a.low()};
                    for (int w = 0; w < 4; w++) {
                        f.add(LD_W_ABS, 0, 0, 62 + 4 * w);
                        // On a mismatch skip the rest of this address: 2 per remaining word, plus its ret.
                        f.add(JMP_JEQ_K, 0, 2 * (3 - w) + 1, words[w]);
                    }
                    f.add(RET_K, 0, 0, ACCEPT);
                }
                f.add(RET_K, 0, 0, 0);
            }
        }
        return f.toBuffer();
    }

    private int add(short code, int jt, int jf, int k) {
        insns.add(new Insn(code, jt, jf, k));
        return insns.size() - 1;
    }

    /** Points the {@code ja} at {@code at} to the next instruction to be added. */
    private void patchJump(int at) {
        insns.set(at, new Insn(JMP_JA, 0, 0, insns.size() - at - 1));
    }

    int length() {
        return insns.size();
    }

    /** The program as {@code struct sock_filter[]}: u16 code, u8 jt, u8 jf, u32 k, in host order. */
    private ByteBuffer toBuffer() {
        ByteBuffer b = ByteBuffer.allocateDirect(insns.size() * 8).order(ByteOrder.nativeOrder());
        for (Insn i : insns) {
            b.putShort(i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt(i.k());
        }
        return b.flip();
    }
}
