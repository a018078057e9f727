package io.metallb.l2.internal.kernel;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small eBPF assembler: the instructions of {@code Documentation/bpf/standardization/instruction-set.rst}
 * (8 bytes each: opcode, dst and src registers, a signed 16-bit offset, a signed 32-bit immediate, little-endian)
 * that the ARP responder needs, with named forward jumps. No clang, libbpf or ELF file is involved: the program is
 * built here and loaded with bpf(2).
 */
final class Ebpf {

    // Registers.
    static final int R0 = 0;
    static final int R1 = 1;
    static final int R2 = 2;
    static final int R3 = 3;
    static final int R4 = 4;
    static final int R5 = 5;
    static final int R6 = 6;
    static final int R7 = 7;
    static final int R8 = 8;
    static final int R10 = 10;

    // Sizes.
    static final int W = 0x00;
    static final int H = 0x08;
    static final int B = 0x10;
    static final int DW = 0x18;

    private static final int LD = 0x00;
    private static final int LDX = 0x01;
    private static final int ST = 0x02;
    private static final int STX = 0x03;
    private static final int JMP = 0x05;
    private static final int JMP32 = 0x06;
    private static final int ALU64 = 0x07;
    private static final int MEM = 0x60;
    private static final int ATOMIC = 0xc0;
    private static final int IMM = 0x00;
    private static final int K = 0x00;
    private static final int X = 0x08;
    private static final int ADD = 0x00;
    private static final int OR = 0x40;
    private static final int AND = 0x50;
    private static final int RSH = 0x70;
    private static final int XOR = 0xa0;
    private static final int MOV = 0xb0;
    static final int JEQ = 0x10;
    static final int JGT = 0x20;
    static final int JNE = 0x50;
    private static final int CALL = 0x80;
    private static final int EXIT = 0x90;
    /** {@code BPF_PSEUDO_MAP_FD}: the immediate of a 64-bit load is a map's file descriptor. */
    private static final int PSEUDO_MAP_FD = 1;

    private record Insn(int code, int dst, int src, int off, int imm, String target) {
    }

    private final List<Insn> insns = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();

    private Ebpf add(int code, int dst, int src, int off, int imm) {
        insns.add(new Insn(code, dst, src, off, imm, null));
        return this;
    }

    /** {@code dst = src} (64-bit). */
    Ebpf mov(int dst, int src) {
        return add(ALU64 | MOV | X, dst, src, 0, 0);
    }

    /** {@code dst = imm} (64-bit, sign-extended). */
    Ebpf movImm(int dst, int imm) {
        return add(ALU64 | MOV | K, dst, 0, 0, imm);
    }

    /** {@code dst += imm} (64-bit). */
    Ebpf addImm(int dst, int imm) {
        return add(ALU64 | ADD | K, dst, 0, 0, imm);
    }

    /** {@code dst += src} (64-bit). */
    Ebpf addReg(int dst, int src) {
        return add(ALU64 | ADD | X, dst, src, 0, 0);
    }

    /** {@code dst |= src} (64-bit). */
    Ebpf orReg(int dst, int src) {
        return add(ALU64 | OR | X, dst, src, 0, 0);
    }

    /** {@code dst &= imm} (64-bit). */
    Ebpf andImm(int dst, int imm) {
        return add(ALU64 | AND | K, dst, 0, 0, imm);
    }

    /** {@code dst >>= imm} (64-bit, logical). */
    Ebpf rshImm(int dst, int imm) {
        return add(ALU64 | RSH | K, dst, 0, 0, imm);
    }

    /** {@code dst ^= imm} (64-bit). */
    Ebpf xorImm(int dst, int imm) {
        return add(ALU64 | XOR | K, dst, 0, 0, imm);
    }

    /** {@code dst = *(size *)(src + off)}. */
    Ebpf load(int size, int dst, int src, int off) {
        return add(LDX | MEM | size, dst, src, off, 0);
    }

    /** {@code *(size *)(dst + off) = src}. */
    Ebpf store(int size, int dst, int off, int src) {
        return add(STX | MEM | size, dst, src, off, 0);
    }

    /** {@code *(size *)(dst + off) = imm}. */
    Ebpf storeImm(int size, int dst, int off, int imm) {
        return add(ST | MEM | size, dst, 0, off, imm);
    }

    /** {@code lock *(u64 *)(dst + off) += src}. */
    Ebpf atomicAdd64(int dst, int off, int src) {
        return add(STX | ATOMIC | DW, dst, src, off, ADD);
    }

    /** {@code dst = map} (the two-slot 64-bit immediate load of a map's file descriptor). */
    Ebpf loadMap(int dst, int mapFd) {
        add(LD | IMM | DW, dst, PSEUDO_MAP_FD, 0, mapFd);
        return add(0, 0, 0, 0, 0);
    }

    /** {@code if (dst OP imm) goto label}, OP one of {@link #JEQ}, {@link #JNE}, {@link #JGT}. */
    Ebpf jumpImm(int op, int dst, int imm, String label) {
        insns.add(new Insn(JMP | op | K, dst, 0, 0, imm, label));
        return this;
    }

    /** {@code if ((u32) dst OP (u32) imm) goto label}: a 32-bit compare, for constants with the top bit set. */
    Ebpf jump32Imm(int op, int dst, int imm, String label) {
        insns.add(new Insn(JMP32 | op | K, dst, 0, 0, imm, label));
        return this;
    }

    /** {@code goto label}. */
    Ebpf goTo(String label) {
        insns.add(new Insn(JMP, 0, 0, 0, 0, label));
        return this;
    }

    /** {@code if (dst OP src) goto label}. */
    Ebpf jump(int op, int dst, int src, String label) {
        insns.add(new Insn(JMP | op | X, dst, src, 0, 0, label));
        return this;
    }

    /** Calls helper {@code id} (arguments in r1-r5, result in r0; r1-r5 are clobbered). */
    Ebpf call(int id) {
        return add(JMP | CALL, 0, 0, 0, id);
    }

    Ebpf exit() {
        return add(JMP | EXIT, 0, 0, 0, 0);
    }

    /** Marks the next instruction as {@code label}. */
    Ebpf label(String label) {
        if (labels.putIfAbsent(label, insns.size()) != null) {
            throw new IllegalStateException("label defined twice: " + label);
        }
        return this;
    }

    /** The program's bytes, jumps resolved. */
    byte[] assemble() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(insns.size() * 8);
        for (int i = 0; i < insns.size(); i++) {
            Insn in = insns.get(i);
            int off = in.off();
            if (in.target() != null) {
                Integer at = labels.get(in.target());
                if (at == null) {
                    throw new IllegalStateException("undefined label: " + in.target());
                }
                off = at - i - 1;
            }
            if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) {
                throw new IllegalStateException("offset out of range at instruction " + i);
            }
            out.write(in.code());
            out.write((in.src() << 4) | in.dst());
            out.write(off & 0xff);
            out.write((off >> 8) & 0xff);
            out.write(in.imm() & 0xff);
            out.write((in.imm() >> 8) & 0xff);
            out.write((in.imm() >> 16) & 0xff);
            out.write((in.imm() >> 24) & 0xff);
        }
        return out.toByteArray();
    }
}
