package io.metallb.l2.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

/**
 * Jazzer target for the frame decoder. By default it runs in regression mode (the empty input, plus
 * {@link #goldenFramesPassTheOracle} over the hex fixtures, which are kept as text rather than binary seed
 * files); {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}, its corpus going to the ignored
 * {@code .cifuzz-corpus}. Any input that breaks the decoder is added to {@code src/test/resources/l2} as hex.
 */
class EthernetFrameFuzzTest {

    @FuzzTest(maxDuration = "60s")
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
