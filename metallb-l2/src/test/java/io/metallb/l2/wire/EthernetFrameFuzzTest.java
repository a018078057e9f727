package io.metallb.l2.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

/**
 * Jazzer target for the frame decoder, run by every build in real fuzzing mode for {@code maxDuration} (the
 * {@code fuzz-frame-decoder} execution in this module's pom sets {@code JAZZER_FUZZ=1}): coverage-guided, starting
 * from one kernel frame of each kind ({@code EthernetFrameFuzzTestInputs/decode/seed-kernel-frame-*}, taken from
 * {@code src/test/resources/l2/kernel-frames.hex}), its generated corpus going to the ignored
 * {@code .cifuzz-corpus}. An input that breaks the decoder fails the build and is written by Jazzer into
 * {@code EthernetFrameFuzzTestInputs/decode/}: commit it, and every later run replays it first (regression mode).
 * {@link #goldenFramesPassTheOracle} runs the same oracle over every stored hex fixture.
 */
class EthernetFrameFuzzTest {

    @FuzzTest(maxDuration = "25s")
    void decode(byte[] data) {
        check(data);
    }

    @Test
    void goldenFramesPassTheOracle() {
        WireFixtures.frames().forEach(EthernetFrameFuzzTest::check);
    }

    static void check(byte[] data) {
        FrameDecoding result = EthernetFrameDecoder.decode(data);
        if (result instanceof FrameDecoding.Decoded d) {
            // Whatever decodes re-encodes to a frame that decodes to the same value.
            assertThat(EthernetFrameDecoder.decode(EthernetFrameEncoder.encode(d.frame()))).isEqualTo(result);
        } else {
            assertThat(((FrameDecoding.Dropped) result).detail()).isNotEmpty();
        }
    }
}
