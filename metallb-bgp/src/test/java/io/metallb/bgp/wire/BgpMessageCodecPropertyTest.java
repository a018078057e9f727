package io.metallb.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import org.junit.jupiter.api.Test;

class BgpMessageCodecPropertyTest {
    private static final int EXAMPLES = 1_500;

    @Test
    void decodeOfEncodeIsIdentity() {
        qt().withExamples(EXAMPLES).forAll(BgpGenerators.message()).checkAssert(m -> {
            Decoded d = BgpMessageCodec.decode(BgpMessageCodec.encode(m, WireOptions.MODERN), WireOptions.MODERN);
            assertThat(d.tolerated()).isEmpty();
            assertThat(d.message()).isEqualTo(m);
        });
    }

    @Test
    void encodeOfDecodeOfValidBytesIsIdentity() {
        qt().withExamples(EXAMPLES).forAll(BgpGenerators.message()).checkAssert(m -> {
            byte[] bytes = BgpMessageCodec.encode(m, WireOptions.MODERN);
            BgpMessage back = BgpMessageCodec.decode(bytes, WireOptions.MODERN).message();
            assertThat(BgpMessageCodec.encode(back, WireOptions.MODERN)).isEqualTo(bytes);
        });
    }

    /** Anything goes in; a message or the codec's own exception comes out, never any other throwable. */
    static void decodesOrRefuses(byte[] frame, WireOptions options) {
        try {
            Decoded d = BgpMessageCodec.decode(frame, options);
            assertThat(d.message()).isNotNull();
        } catch (BgpException expected) {
            assertThat(expected.error().code()).isBetween(1, 7);
        }
    }

    @Test
    void arbitraryBytesGiveAMessageOrTheCodecsException() {
        qt().withExamples(5_000).forAll(BgpGenerators.bytes(200), integers().between(0, 5),
                integers().between(0, 1)).checkAssert((body, type, realLength) -> {
                    byte[] frame = new byte[19 + body.length()];
                    java.util.Arrays.fill(frame, 0, 16, (byte) 0xFF);
                    int length = realLength == 1 ? frame.length : body.length() > 0 ? body.get(0) * 7 : 0;
                    frame[16] = (byte) (length >>> 8);
                    frame[17] = (byte) length;
                    frame[18] = (byte) type.intValue();
                    System.arraycopy(body.toArray(), 0, frame, 19, body.length());
                    decodesOrRefuses(frame, WireOptions.MODERN);
                    decodesOrRefuses(frame, WireOptions.INITIAL);
                });
    }

    @Test
    void mutatedValidMessagesGiveAMessageOrTheCodecsException() {
        qt().withExamples(5_000).forAll(BgpGenerators.message(), integers().between(0, 1 << 20),
                integers().between(0, 255), integers().between(0, 3)).checkAssert((m, where, value, cut) -> {
                    byte[] frame = BgpMessageCodec.encode(m, WireOptions.MODERN);
                    int at = 18 + where % (frame.length - 18);
                    frame[at] = (byte) (int) value;
                    if (cut > 0 && frame.length > 19) {
                        frame = java.util.Arrays.copyOf(frame, frame.length - cut % (frame.length - 19));
                    }
                    decodesOrRefuses(frame, WireOptions.MODERN);
                    decodesOrRefuses(frame, WireOptions.INITIAL);
                });
    }

    private static BgpError errorOf(byte[] frame) {
        return catchThrowableOfType(() -> BgpMessageCodec.decode(frame, WireOptions.MODERN), BgpException.class)
                .error();
    }

    @Test
    void headerCorruptionsGiveTheirRfcCode() {
        qt().withExamples(EXAMPLES).forAll(BgpGenerators.message(), integers().between(0, 15),
                integers().between(6, 255)).checkAssert((m, markerByte, badType) -> {
                    byte[] frame = BgpMessageCodec.encode(m, WireOptions.MODERN);
                    byte[] marker = frame.clone();
                    marker[markerByte] = 0x7F;
                    assertThat(errorOf(marker)).extracting(BgpError::code, BgpError::subcode).containsExactly(1, 1);
                    byte[] type = frame.clone();
                    type[18] = (byte) (int) badType;
                    assertThat(errorOf(type)).extracting(BgpError::code, BgpError::subcode).containsExactly(1, 3);
                    byte[] length = frame.clone();
                    length[17] = (byte) (length[17] + 1);
                    assertThat(errorOf(length)).extracting(BgpError::code, BgpError::subcode).containsExactly(1, 2);
                });
    }

    @Test
    void openCorruptionsGiveTheirRfcCode() {
        qt().withExamples(EXAMPLES).forAll(BgpGenerators.open(), integers().between(0, 255),
                integers().between(1, 2)).checkAssert((open, version, hold) -> {
                    byte[] frame = BgpMessageCodec.encode(open, WireOptions.MODERN);
                    if (version != 4) {
                        byte[] v = frame.clone();
                        v[19] = (byte) (int) version;
                        assertThat(errorOf(v)).extracting(BgpError::code, BgpError::subcode).containsExactly(2, 1);
                    }
                    byte[] h = frame.clone();
                    h[22] = 0;
                    h[23] = (byte) (int) hold;
                    assertThat(errorOf(h)).extracting(BgpError::code, BgpError::subcode).containsExactly(2, 6);
                    byte[] id = frame.clone();
                    java.util.Arrays.fill(id, 24, 28, (byte) 0);
                    assertThat(errorOf(id)).extracting(BgpError::code, BgpError::subcode).containsExactly(2, 3);
                });
    }

    @Test
    void updateCorruptionsGiveTheirRfcCode() {
        qt().withExamples(EXAMPLES).forAll(BgpGenerators.update(), integers().between(3, 255))
                .checkAssert((update, origin) -> {
                    byte[] frame = BgpMessageCodec.encode(update, WireOptions.MODERN);
                    // ORIGIN is the first attribute: header at 23 + withdrawn length, value 3 bytes further.
                    int withdrawn = ((frame[19] & 0xFF) << 8) | (frame[20] & 0xFF);
                    int at = 19 + 2 + withdrawn + 2 + 3;
                    frame[at] = (byte) (int) origin;
                    List<BgpError> errors = BgpMessageCodec.decode(frame, WireOptions.MODERN).tolerated();
                    assertThat(errors).extracting(BgpError::code, BgpError::subcode, BgpError::handling)
                            .contains(org.assertj.core.groups.Tuple.tuple(3, 6, BgpError.Handling.TREAT_AS_WITHDRAW));
                });
    }
}
