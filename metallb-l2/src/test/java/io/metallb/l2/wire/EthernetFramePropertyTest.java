package io.metallb.l2.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** The three codec properties of STYLE.md rule 10. */
class EthernetFramePropertyTest {

    @Test
    void decodeOfEncodeIsIdentity() {
        qt().withExamples(3000).forAll(WireGenerators.frames()).checkAssert(f ->
                assertThat(EthernetFrameDecoder.decode(EthernetFrameEncoder.encode(f)))
                        .isEqualTo(new FrameDecoding.Decoded(f)));
    }

    @Test
    void encodeOfDecodeOfValidBytesIsIdentity() {
        qt().withExamples(2000).forAll(WireGenerators.frames()).checkAssert(f -> {
            byte[] wire = EthernetFrameEncoder.encode(f);
            FrameDecoding.Decoded d = (FrameDecoding.Decoded) EthernetFrameDecoder.decode(wire);
            assertThat(EthernetFrameEncoder.encode(d.frame())).isEqualTo(wire);
        });
    }

    @Test
    void anyBytesGiveAFrameOrADropReasonAndNeverReadOutsideTheSlice() {
        qt().withExamples(20000)
                .forAll(Generate.byteArrays(integers().between(0, 120), Generate.bytes((byte) -128, (byte) 127, (byte) 0)),
                        integers().between(0, 8))
                .checkAssert((bytes, pad) -> {
                    // The slice sits inside a larger array filled with a marker: a read past it would decode it.
                    byte[] padded = new byte[bytes.length + 2 * pad];
                    Arrays.fill(padded, (byte) 0x5A);
                    System.arraycopy(bytes, 0, padded, pad, bytes.length);
                    FrameDecoding inside = EthernetFrameDecoder.decode(padded, pad, bytes.length);
                    assertThat(inside).isEqualTo(EthernetFrameDecoder.decode(bytes));
                });
    }

    @Test
    void mutatedValidFramesNeverThrow() {
        qt().withExamples(20000).forAll(WireGenerators.frames(), integers().between(0, 127), integers().between(0, 255),
                integers().between(0, 130)).checkAssert((f, at, value, cut) -> {
                    byte[] wire = EthernetFrameEncoder.encode(f);
                    wire[at % wire.length] = (byte) value.intValue();
                    FrameDecoding d = EthernetFrameDecoder.decode(Arrays.copyOf(wire, Math.min(cut, wire.length)));
                    assertThat(d).isInstanceOfAny(FrameDecoding.Decoded.class, FrameDecoding.Dropped.class);
                });
    }

    @Test
    void goldenFramesStayDecodableWhenMutated() {
        List<byte[]> golden = WireFixtures.frames();
        assertThat(golden).isNotEmpty();
        qt().withExamples(10000).forAll(integers().between(0, golden.size() - 1), integers().between(0, 255),
                integers().between(0, 255)).checkAssert((i, at, value) -> {
                    byte[] wire = golden.get(i).clone();
                    wire[at % wire.length] ^= (byte) value.intValue();
                    assertThat(EthernetFrameDecoder.decode(wire)).isNotNull();
                });
    }
}
