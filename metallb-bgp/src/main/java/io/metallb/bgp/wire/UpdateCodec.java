package io.metallb.bgp.wire;

import static io.metallb.bgp.wire.ErrorCodes.UPDATE_MESSAGE;

import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/** UPDATE bodies (RFC 4271 §4.3), with RFC 7606's revised error handling. */
final class UpdateCodec {
    private UpdateCodec() {
    }

    static Decoded decode(WireReader in, WireOptions options) {
        // RFC 7606 §4: when the withdrawn or attribute lengths overrun the message, the NLRI cannot be located
        // and the session is reset (Malformed Attribute List).
        int withdrawnLength = in.u16();
        WireReader withdrawnIn = in.slice(withdrawnLength, "withdrawn routes");
        int attributesLength = in.u16();
        WireReader attributesIn = in.slice(attributesLength, "path attributes");
        WireReader nlriIn = in.slice(in.remaining(), UPDATE_MESSAGE, ErrorCodes.INVALID_NETWORK_FIELD,
                BgpError.Handling.SESSION_RESET, "NLRI");
        List<IpPrefix> withdrawn = PrefixCodec.decodeAll(
                withdrawnIn.slice(withdrawnLength, UPDATE_MESSAGE, ErrorCodes.INVALID_NETWORK_FIELD,
                        BgpError.Handling.SESSION_RESET, "withdrawn routes"), IpFamily.IPV4);
        List<BgpError> tolerated = new ArrayList<>();
        List<PathAttribute> attributes = AttributeCodec.decodeAll(
                attributesIn.slice(attributesLength, UPDATE_MESSAGE, ErrorCodes.MALFORMED_ATTRIBUTE_LIST,
                        BgpError.Handling.TREAT_AS_WITHDRAW, "path attributes"), options, tolerated);
        List<IpPrefix> nlri = PrefixCodec.decodeAll(nlriIn, IpFamily.IPV4);
        Update update = new Update(withdrawn, attributes, nlri);
        missingMandatory(update, tolerated);
        return new Decoded(update, tolerated);
    }

    /** RFC 4271 §6.3, RFC 7606 §3 (d): routes without ORIGIN, AS_PATH or (IPv4) NEXT_HOP are withdrawn. */
    private static void missingMandatory(Update update, List<BgpError> tolerated) {
        boolean mpReach = update.attribute(Attribute.MpReach.class).isPresent();
        if (update.nlri().isEmpty() && !mpReach) {
            return;
        }
        List<Integer> needed = new ArrayList<>(List.of(Attribute.ORIGIN, Attribute.AS_PATH));
        if (!update.nlri().isEmpty()) {
            needed.add(Attribute.NEXT_HOP);
        }
        for (int code : needed) {
            boolean present = update.attributes().stream().anyMatch(a -> a.value().code() == code);
            if (!present) {
                tolerated.add(new BgpError(UPDATE_MESSAGE, ErrorCodes.MISSING_WELL_KNOWN_ATTRIBUTE,
                        Bytes.of((byte) code), BgpError.Handling.TREAT_AS_WITHDRAW,
                        "attribute " + code + " missing"));
            }
        }
    }

    static void encode(WireWriter out, Update update, WireOptions options) {
        int at = out.size();
        out.u16(0);
        update.withdrawn().forEach(p -> PrefixCodec.encode(out, p));
        out.putU16(at, out.size() - at - 2);
        at = out.size();
        out.u16(0);
        AttributeCodec.encodeAll(out, update.attributes(), options);
        out.putU16(at, out.size() - at - 2);
        update.nlri().forEach(p -> PrefixCodec.encode(out, p));
    }
}
