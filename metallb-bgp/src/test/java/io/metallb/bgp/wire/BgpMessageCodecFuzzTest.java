package io.metallb.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the decoder. The module's surefire sets {@code JAZZER_FUZZ=1}, so every
 * {@code mvn verify} fuzzes {@link #decode} for {@value #BUDGET} (real fuzzing mode), starting from the golden
 * fixtures, which {@link #seedCorpus} copies into Jazzer's working corpus first. A crash fails the build and
 * Jazzer stores the input under {@code src/test/resources/io/metallb/bgp/wire/BgpMessageCodecFuzzTestInputs/decode/};
 * commit it there: it is then replayed in every later build (Jazzer's regression inputs, also replayed by
 * {@link #seedsAndRegressions} through the same target). {@code -Dbgp.fuzz=0} turns the
 * fuzzing off (regression mode only).
 */
class BgpMessageCodecFuzzTest {
    static final String BUDGET = "35s";
    /** Jazzer's working corpus for {@link #decode}, relative to the module (git-ignored). */
    static final Path CORPUS = Path.of(".cifuzz-corpus", BgpMessageCodecFuzzTest.class.getName(), "decode");
    /** Jazzer's inputs directory: crashes found while fuzzing are written here, kept as regression inputs. */
    static final Path INPUTS = Path.of("src/test/resources/io/metallb/bgp/wire/BgpMessageCodecFuzzTestInputs/decode");

    /** Runs before the fuzz test template is expanded, so Jazzer starts from every fixture. */
    @BeforeAll
    static void seedCorpus() throws IOException {
        Files.createDirectories(CORPUS);
        for (Fixtures.Fixture f : Fixtures.all()) {
            Files.write(CORPUS.resolve("seed-" + f.name()), f.bytes());
            if (f.bytes().length > 18) {
                Files.write(CORPUS.resolve("seed-body-" + f.name()), Arrays.copyOfRange(f.bytes(), 18,
                        f.bytes().length));
            }
        }
    }

    @FuzzTest(maxDuration = BUDGET)
    void decode(byte[] data) {
        target(data);
        target(framed(data));
    }

    /**
     * The fuzzer rarely guesses 16 marker octets and a matching length, so each input is also tried as a
     * well-framed message: first octet the type, the rest the body.
     */
    static byte[] framed(byte[] data) {
        int bodyLength = Math.max(0, Math.min(data.length - 1, 65535 - 19));
        byte[] frame = new byte[19 + bodyLength];
        Arrays.fill(frame, 0, 16, (byte) 0xFF);
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
            target(framed(Arrays.copyOfRange(f.bytes(), 18, f.bytes().length)));
        }
        for (int cut = 0; cut < f.bytes().length; cut += 7) {
            target(Arrays.copyOf(f.bytes(), cut));
        }
    }

    /**
     * The property under fuzzing, on both kinds of session: a message or the codec's own exception, never
     * anything else; and what decoded encodes to bytes that decode to the same message.
     */
    static void target(byte[] data) {
        for (WireOptions options : new WireOptions[] {WireOptions.INITIAL, WireOptions.MODERN}) {
            BgpMessage m;
            try {
                m = BgpMessageCodec.decode(data, options).message();
            } catch (BgpException expected) {
                continue; // the codec's refusal: fine
            }
            // Re-encoded with extended messages, as it may only fit a larger frame than it came in.
            WireOptions wider = new WireOptions(options.fourOctetAs(), true);
            byte[] again = BgpMessageCodec.encode(m, wider);
            assertThat(BgpMessageCodec.decode(again, wider).message()).isEqualTo(m);
        }
    }
}
