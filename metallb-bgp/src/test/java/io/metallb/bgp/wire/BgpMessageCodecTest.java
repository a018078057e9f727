package io.metallb.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.metallb.api.config.BgpCommunity;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpPrefix;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgpMessageCodecTest {
    private static final String MARKER = "ffffffffffffffffffffffffffffffff";

    /** A whole message from its type and body hex; the length is computed. */
    static byte[] message(int type, String bodyHex) {
        byte[] body = HexFormat.of().parseHex(bodyHex.replace(" ", ""));
        int length = 19 + body.length;
        return HexFormat.of().parseHex(MARKER + String.format("%04x%02x", length, type)
                + HexFormat.of().formatHex(body));
    }

    static BgpError error(byte[] frame) {
        return catchThrowableOfType(() -> BgpMessageCodec.decode(frame, WireOptions.MODERN), BgpException.class)
                .error();
    }

    static Decoded decode(byte[] frame) {
        return BgpMessageCodec.decode(frame, WireOptions.MODERN);
    }

    static void assertError(BgpError e, int code, int subcode, BgpError.Handling handling) {
        assertThat(e.code()).as(e.toString()).isEqualTo(code);
        assertThat(e.subcode()).as(e.toString()).isEqualTo(subcode);
        assertThat(e.handling()).as(e.toString()).isEqualTo(handling);
    }

    private static final BgpError.Handling RESET = BgpError.Handling.SESSION_RESET;
    private static final BgpError.Handling WITHDRAW = BgpError.Handling.TREAT_AS_WITHDRAW;
    private static final BgpError.Handling DISCARD = BgpError.Handling.ATTRIBUTE_DISCARD;

    @Test
    void headerErrors() {
        byte[] keepalive = message(4, "");
        keepalive[3] = 0;
        assertError(error(keepalive), 1, 1, RESET);
        assertError(error(message(4, "00")), 1, 2, RESET);
        BgpError type = error(message(9, ""));
        assertError(type, 1, 3, RESET);
        assertThat(type.data()).isEqualTo(Bytes.of((byte) 9));
        BgpError shortOpen = error(message(1, "04fc00"));
        assertError(shortOpen, 1, 2, RESET);
        assertThat(shortOpen.data()).isEqualTo(Bytes.of((byte) 0, (byte) 22));
        assertError(error(HexFormat.of().parseHex(MARKER + "0012" + "04")), 1, 2, RESET);
        byte[] big = message(2, "0000" + "0000" + "00".repeat(5000));
        assertError(catchThrowableOfType(() -> BgpMessageCodec.decode(big, WireOptions.INITIAL),
                BgpException.class).error(), 1, 2, RESET);
        assertThat(decode(big).message()).isInstanceOf(Update.class).as("allowed after RFC 8654");
    }

    @Test
    void openErrors() {
        BgpError version = error(message(1, "03 fc00 005a 0a000001 00"));
        assertError(version, 2, 1, RESET);
        assertThat(version.data()).isEqualTo(Bytes.of((byte) 0, (byte) 4));
        assertError(error(message(1, "04 fc00 0002 0a000001 00")), 2, 6, RESET);
        assertError(error(message(1, "04 fc00 005a 00000000 00")), 2, 3, RESET);
        assertError(error(message(1, "04 fc00 005a 0a000001 03 010100")), 2, 4, RESET);
        assertError(error(message(1, "04 fc00 005a 0a000001 05 0203410200")), 2, 0, RESET);
        assertError(error(message(1, "04 fc00 005a 0a000001 04 02024100")), 2, 0, RESET);
    }

    @Test
    void openOfBuildsAsTransForFourOctetAses() {
        Open open = Open.of(4_200_000_000L, 90, 0x0A000001L,
                List.of(new Capability.FourOctetAs(4_200_000_000L)));
        assertThat(open.myAs()).isEqualTo(Open.AS_TRANS);
        assertThat(open.asn()).isEqualTo(4_200_000_000L);
        Open back = (Open) decode(BgpMessageCodec.encode(open, WireOptions.INITIAL)).message();
        assertThat(back).isEqualTo(open);
    }

    private static final String ORIGIN = "40010100";
    private static final String AS_PATH = "400206 0201 0000fc00";
    private static final String NEXT_HOP = "400304 c6336401";
    private static final String NLRI = "20c6336407";

    static byte[] update(String attributesHex, String nlriHex) {
        String a = attributesHex.replace(" ", "");
        return message(2, "0000" + String.format("%04x", a.length() / 2) + a + nlriHex.replace(" ", ""));
    }

    @Test
    void validUpdateDecodes() {
        Decoded d = decode(update(ORIGIN + AS_PATH + NEXT_HOP, NLRI));
        assertThat(d.tolerated()).isEmpty();
        assertThat(((Update) d.message()).nlri()).containsExactly(IpPrefix.parse("198.51.100.7/32"));
    }

    @Test
    void rfc7606TreatAsWithdraw() {
        assertError(decode(update("40010103" + AS_PATH + NEXT_HOP, NLRI)).tolerated().get(0), 3, 6, WITHDRAW);
        assertError(decode(update(ORIGIN + AS_PATH, NLRI)).tolerated().get(0), 3, 3, WITHDRAW);
        assertError(decode(update(ORIGIN + "400205 0201 0000fc" + NEXT_HOP, NLRI)).tolerated().get(0), 3, 11,
                WITHDRAW);
        assertError(decode(update(ORIGIN + AS_PATH + "400303 c63364", NLRI)).tolerated().get(0), 3, 5, WITHDRAW);
        assertError(decode(update(ORIGIN + AS_PATH + "c00304 c6336401", NLRI)).tolerated().get(0), 3, 4,
                WITHDRAW);
        assertError(decode(update(ORIGIN + AS_PATH + NEXT_HOP + "c00803 000001", NLRI)).tolerated().get(0), 3, 5,
                WITHDRAW);
        // An attribute header running past the list: nothing after it can be parsed.
        Decoded overrun = decode(update(ORIGIN + AS_PATH + NEXT_HOP + "c008", NLRI));
        assertError(overrun.tolerated().get(0), 3, 1, WITHDRAW);
        assertThat(overrun.treatAsWithdraw()).isTrue();
    }

    @Test
    void rfc7606AttributeDiscard() {
        Decoded d = decode(update(ORIGIN + AS_PATH + NEXT_HOP + "c00705 0000fc0001", NLRI));
        assertError(d.tolerated().get(0), 3, 5, DISCARD);
        assertThat(d.treatAsWithdraw()).isFalse();
        assertThat(((Update) d.message()).attribute(Attribute.Aggregator.class)).isEmpty();
        Decoded twice = decode(update(ORIGIN + ORIGIN + AS_PATH + NEXT_HOP, NLRI));
        assertError(twice.tolerated().get(0), 3, 1, DISCARD);
        assertThat(((Update) twice.message()).attributes()).hasSize(3);
    }

    @Test
    void rfc7606SessionReset() {
        assertError(error(message(2, "0005 0000")), 3, 1, RESET);
        assertError(error(message(2, "0000 0009 40010100")), 3, 1, RESET);
        assertError(error(update(ORIGIN + AS_PATH + NEXT_HOP, "21c633640700")), 3, 10, RESET);
        assertError(error(update(ORIGIN + AS_PATH + NEXT_HOP, "20c63364")), 3, 10, RESET);
        assertError(error(update(ORIGIN + AS_PATH + "800e0a 0002 01 04 c6336401 00 00", "")), 3, 9, RESET);
        String unreach = "800f03 000201";
        assertError(error(update(unreach + unreach, "")), 3, 1, RESET);
        BgpError wellKnown = error(update(ORIGIN + AS_PATH + NEXT_HOP + "406301ff", NLRI));
        assertError(wellKnown, 3, 2, RESET);
        assertThat(wellKnown.data()).isEqualTo(Bytes.ofHex("406301ff"));
    }

    @Test
    void routeRefreshOfWrongLength() {
        BgpError e = error(message(5, "0001000100"));
        assertError(e, 7, 1, RESET);
        assertThat(e.data().length()).isEqualTo(24);
    }

    @Test
    void trailingPrefixBitsAreIgnored() {
        Update u = (Update) decode(update(ORIGIN + AS_PATH + NEXT_HOP, "17cb0071")).message();
        assertThat(u.nlri()).containsExactly(IpPrefix.parse("203.0.112.0/23"));
    }

    @Test
    void twoOctetSessionSendsAsTransInAsPath() {
        Update u = new Update(List.of(), List.of(PathAttribute.of(Attribute.Origin.IGP),
                PathAttribute.of(Attribute.AsPath.sequence(4_200_000_000L)),
                PathAttribute.of(new Attribute.NextHop(IpAddress.parse("198.51.100.1")))),
                List.of(IpPrefix.parse("198.51.100.7/32")));
        byte[] bytes = BgpMessageCodec.encode(u, WireOptions.INITIAL);
        Update back = (Update) BgpMessageCodec.decode(bytes, WireOptions.INITIAL).message();
        assertThat(back.attribute(Attribute.AsPath.class)).contains(Attribute.AsPath.sequence(Open.AS_TRANS));
    }

    @Test
    void longAttributesUseExtendedLength() {
        List<BgpCommunity.Standard> many = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> new BgpCommunity.Standard(64512, i)).toList();
        Update u = new Update(List.of(), List.of(PathAttribute.of(new Attribute.Communities(many))), List.of());
        byte[] bytes = BgpMessageCodec.encode(u, WireOptions.MODERN);
        assertThat(bytes[23] & PathAttribute.EXTENDED_LENGTH).isNotZero();
        assertThat(decode(bytes).message()).isEqualTo(u);
    }

    @Test
    void encoderRefusesMessagesOverTheLimit() {
        List<IpPrefix> prefixes = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> IpPrefix.parse("198.51.100." + (i % 256) + "/32")).toList();
        Update u = new Update(prefixes, List.of(), List.of());
        assertThat(catchThrowableOfType(() -> BgpMessageCodec.encode(u, WireOptions.INITIAL),
                IllegalArgumentException.class)).hasMessageContaining("expected: at most 4096");
        assertThat(BgpMessageCodec.encode(u, WireOptions.MODERN)).hasSize(19 + 4 + 5000);
    }
}
