package io.metallb.l2.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The assembler's encoding, against instructions as clang and the kernel's own tests write them. */
class EbpfTest {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void encodesEachInstructionClassLittleEndian() {
        assertThat(hex(new Ebpf().mov(Ebpf.R6, Ebpf.R1).assemble())).isEqualTo("bf16000000000000");
        assertThat(hex(new Ebpf().movImm(Ebpf.R0, -1).assemble())).isEqualTo("b7000000ffffffff");
        assertThat(hex(new Ebpf().load(Ebpf.W, Ebpf.R2, Ebpf.R6, 76).assemble())).isEqualTo("61624c0000000000");
        assertThat(hex(new Ebpf().store(Ebpf.H, Ebpf.R2, 4, Ebpf.R4).assemble())).isEqualTo("6b42040000000000");
        assertThat(hex(new Ebpf().storeImm(Ebpf.H, Ebpf.R2, 20, 0x0200).assemble())).isEqualTo("6a02140000020000");
        assertThat(hex(new Ebpf().atomicAdd64(Ebpf.R8, 8, Ebpf.R1).assemble())).isEqualTo("db18080000000000");
        assertThat(hex(new Ebpf().addImm(Ebpf.R2, -4).assemble())).isEqualTo("07020000fcffffff");
        assertThat(hex(new Ebpf().call(23).exit().assemble())).isEqualTo("8500000017000000" + "9500000000000000");
        // The map load takes two slots, the file descriptor in the first immediate, src = BPF_PSEUDO_MAP_FD.
        assertThat(hex(new Ebpf().loadMap(Ebpf.R1, 5).assemble())).isEqualTo("1811000005000000" + "0000000000000000");
    }

    @Test
    void resolvesForwardJumpsRelativeToTheNextInstruction() {
        byte[] p = new Ebpf().jumpImm(Ebpf.JNE, Ebpf.R2, 0, "out").mov(Ebpf.R0, Ebpf.R1).label("out").exit()
                .assemble();
        assertThat(hex(p).substring(0, 16)).isEqualTo("5502010000000000");
        assertThat(hex(new Ebpf().jump(Ebpf.JGT, Ebpf.R4, Ebpf.R3, "x").label("x").exit().assemble())
                .substring(0, 16)).isEqualTo("2d34000000000000");
    }

    @Test
    void rejectsUndefinedAndDuplicateLabels() {
        assertThatThrownBy(() -> new Ebpf().jumpImm(Ebpf.JEQ, Ebpf.R0, 0, "nowhere").exit().assemble())
                .hasMessageContaining("undefined label: nowhere");
        assertThatThrownBy(() -> new Ebpf().label("a").exit().label("a"))
                .hasMessageContaining("label defined twice: a");
    }

    @Test
    void theResponderProgramEndsInExitOnEveryPath() {
        byte[] p = NeighborReplyProgram.instructions(3);
        assertThat(p.length).isEqualTo(64 * 8); // the IPv4 part alone
        byte[] both = NeighborReplyProgram.instructions(3, 4);
        assertThat(both.length).isEqualTo(176 * 8); // metallb-l2/README.md gives the count
        // The NDP part comes last and ends in a jump back to the shared send-and-exit.
        assertThat(hex(both).substring(both.length * 2 - 16, both.length * 2 - 12)).isEqualTo("0500");
        assertThat(hex(p).substring(p.length * 2 - 16)).isEqualTo("9500000000000000");
    }
}
