package io.metallb.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the decoder. Without {@code JAZZER_FUZZ=1} Jazzer runs in regression mode (its
 * inputs directory only); the parameterized test replays every golden fixture and every kept crash through the
 * same target, so the seeds and regressions run in every build. To fuzz: {@code JAZZER_FUZZ=1 mvn -pl metallb-bgp
 * test -Dtest=BgpMessageCodecFuzzTest}; store any crash it finds as hex under {@code bgp/regressions/}.
 */
class BgpMessageCodecFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] data) {
        target(data);
        target(framed(data));
    }

    /**
     * The fuzzer rarely guesses 16 marker octets and a matching length, so half of each input is also tried as
     * a well-framed message: first octet the type, the rest the body.
     */
    static byte[] framed(byte[] data) {
        int bodyLength = Math.max(0, Math.min(data.length - 1, 65535 - 19));
        byte[] frame = new byte[19 + bodyLength];
        java.util.Arrays.fill(frame, 0, 16, (byte) 0xFF);
        frame[16] = (byte) (frame.length >>> 8);
        frame[17] = (byte) frame.length;
        frame[18] = data.length == 0 ? 4 : (byte) (1 + ((data[0] & 0xFF) + 4) % 5); // 1..5 map to themselves
        if (bodyLength > 0) {
            System.arraycopy(data, 1, frame, 19, bodyLength);
        }
        return frame;
    }

    static Stream<Fixtures.Fixture> seeds() {
        return Stream.concat(Fixtures.all().stream(), Fixtures.regressions().stream());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void seedsAndRegressions(Fixtures.Fixture f) {
        target(f.bytes());
        if (f.bytes().length > 18) {
            target(framed(java.util.Arrays.copyOfRange(f.bytes(), 18, f.bytes().length)));
        }
        for (int cut = 0; cut < f.bytes().length; cut += 7) {
            target(java.util.Arrays.copyOf(f.bytes(), cut));
        }
    }

    /** The property under fuzzing: a message or the codec's own exception, on both kinds of session. */
    static void target(byte[] data) {
        for (WireOptions options : new WireOptions[] {WireOptions.INITIAL, WireOptions.MODERN}) {
            try {
                BgpMessage m = BgpMessageCodec.decode(data, options).message();
                // What decoded must encode again (unless it only fits a larger frame than it came in).
                assertThat(BgpMessageCodec.encode(m, WireOptions.MODERN)).isNotEmpty();
            } catch (BgpException expected) {
                // the codec's refusal: fine
            }
        }
    }
}
