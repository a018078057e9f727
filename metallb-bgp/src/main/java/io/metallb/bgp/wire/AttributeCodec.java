package io.metallb.bgp.wire;

import static io.metallb.bgp.wire.BgpError.Handling.ATTRIBUTE_DISCARD;
import static io.metallb.bgp.wire.BgpError.Handling.SESSION_RESET;
import static io.metallb.bgp.wire.BgpError.Handling.TREAT_AS_WITHDRAW;
import static io.metallb.bgp.wire.ErrorCodes.UPDATE_MESSAGE;

import io.metallb.api.config.BgpCommunity;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * Path attributes, both directions. Each attribute is parsed from a reader bounded by its own length, so a
 * malformed one can never consume its neighbour; what a malformation costs follows RFC 7606 §7.
 *
 * <pre>
 * +---------------+---------------+-------------------+----------------+
 * | Flags (1)     | Type code (1) | Length (1, or 2   | Value          |
 * | O T P E 0000  |               |  when E is set)   | (Length bytes) |
 * +---------------+---------------+-------------------+----------------+
 * </pre>
 */
final class AttributeCodec {
    private AttributeCodec() {
    }

    /** The optional/transitive flags RFC 4271 §5 and the attribute RFCs fix for known codes; 0xC0 for unknown. */
    static int requiredFlags(int code) {
        return switch (code) {
            case Attribute.ORIGIN, Attribute.AS_PATH, Attribute.NEXT_HOP, Attribute.LOCAL_PREF,
                    Attribute.ATOMIC_AGGREGATE -> PathAttribute.TRANSITIVE;
            case Attribute.MULTI_EXIT_DISC, Attribute.MP_REACH_NLRI, Attribute.MP_UNREACH_NLRI ->
                    PathAttribute.OPTIONAL;
            default -> PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE;
        };
    }

    private static boolean known(int code) {
        return switch (code) {
            case Attribute.ORIGIN, Attribute.AS_PATH, Attribute.NEXT_HOP, Attribute.MULTI_EXIT_DISC,
                    Attribute.LOCAL_PREF, Attribute.ATOMIC_AGGREGATE, Attribute.AGGREGATOR, Attribute.COMMUNITIES,
                    Attribute.MP_REACH_NLRI, Attribute.MP_UNREACH_NLRI, Attribute.AS4_PATH,
                    Attribute.AS4_AGGREGATOR, Attribute.LARGE_COMMUNITY -> true;
            default -> false;
        };
    }

    /** RFC 7606 §7: what a malformed attribute of this code costs. */
    static BgpError.Handling handling(int code) {
        return switch (code) {
            case Attribute.ATOMIC_AGGREGATE, Attribute.AGGREGATOR, Attribute.AS4_PATH, Attribute.AS4_AGGREGATOR ->
                    ATTRIBUTE_DISCARD;
            case Attribute.MP_REACH_NLRI, Attribute.MP_UNREACH_NLRI -> SESSION_RESET;
            default -> TREAT_AS_WITHDRAW;
        };
    }

    /** Decodes the attribute list, adding tolerated errors to {@code tolerated}; throws those that reset. */
    static List<PathAttribute> decodeAll(WireReader list, WireOptions options, List<BgpError> tolerated) {
        List<PathAttribute> out = new ArrayList<>();
        boolean[] seen = new boolean[256];
        while (list.hasRemaining()) {
            int start = list.position();
            int flags;
            int code;
            WireReader body;
            try {
                flags = list.u8();
                code = list.u8();
                int length = (flags & PathAttribute.EXTENDED_LENGTH) != 0 ? list.u16() : list.u8();
                body = list.slice(length, UPDATE_MESSAGE, ErrorCodes.ATTRIBUTE_LENGTH_ERROR, handling(code),
                        "attribute " + code);
            } catch (BgpException e) {
                // RFC 7606 §4: an attribute header that overruns the list leaves nothing parseable after it.
                tolerated.add(e.error());
                break;
            }
            PathAttribute attribute;
            try {
                attribute = decodeOne(flags, code, body, list.since(start), options);
            } catch (BgpException e) {
                if (e.error().handling() == SESSION_RESET) {
                    throw e;
                }
                tolerated.add(e.error());
                continue;
            }
            code = attribute.value().code();
            if (seen[code]) {
                if (code == Attribute.MP_REACH_NLRI || code == Attribute.MP_UNREACH_NLRI) {
                    throw BgpError.reset(UPDATE_MESSAGE, ErrorCodes.MALFORMED_ATTRIBUTE_LIST, Bytes.EMPTY,
                            "attribute " + code + " repeated").exception();
                }
                // RFC 7606 §3 (g): keep the first, discard the repeats.
                tolerated.add(new BgpError(UPDATE_MESSAGE, ErrorCodes.MALFORMED_ATTRIBUTE_LIST, list.since(start),
                        ATTRIBUTE_DISCARD, "attribute " + code + " repeated"));
                continue;
            }
            seen[code] = true;
            out.add(attribute);
        }
        return out;
    }

    private static PathAttribute decodeOne(int flags, int code, WireReader body, Bytes whole, WireOptions options) {
        if (!known(code)) {
            if ((flags & PathAttribute.OPTIONAL) == 0) {
                throw BgpError.reset(UPDATE_MESSAGE, ErrorCodes.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, whole,
                        "well-known attribute " + code + " is unknown").exception();
            }
            return new PathAttribute(canonical(flags, body), new Attribute.Unknown(code, body.rest()));
        }
        int required = requiredFlags(code);
        boolean partialAllowed = required == (PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE);
        int mask = partialAllowed ? 0xC0 : 0xE0;
        if ((flags & mask) != required) {
            throw new BgpError(UPDATE_MESSAGE, ErrorCodes.ATTRIBUTE_FLAGS_ERROR, whole, handling(code),
                    "attribute " + code + " flags 0x" + Integer.toHexString(flags) + " (expected: 0x"
                            + Integer.toHexString(required) + ")").exception();
        }
        try {
            Attribute value = AttributeValues.decode(code, body, options);
            if (body.hasRemaining()) {
                throw body.error(body.remaining() + " bytes after the value");
            }
            return new PathAttribute(canonical(flags, body), value);
        } catch (BgpException e) {
            BgpError err = e.error();
            // RFC 4271 §6.3: the data of an attribute error is the erroneous attribute.
            throw new BgpError(err.code(), err.subcode(), whole, err.handling(), err.detail()).exception();
        }
    }

    /**
     * Flags as kept in the record: the extended-length bit is dropped when the length needs it anyway (the
     * encoder sets it again), and kept when a sender used it for a short value, so re-encoding is exact.
     */
    private static int canonical(int flags, WireReader body) {
        return body.length() > 255 ? flags & ~PathAttribute.EXTENDED_LENGTH : flags;
    }

    static void encodeAll(WireWriter out, List<PathAttribute> attributes, WireOptions options) {
        for (PathAttribute a : attributes) {
            encode(out, a, options);
        }
    }

    static void encode(WireWriter out, PathAttribute attribute, WireOptions options) {
        WireWriter body = new WireWriter();
        AttributeValues.encode(body, attribute.value(), options);
        int flags = attribute.flags();
        if (body.size() > 255) {
            flags |= PathAttribute.EXTENDED_LENGTH;
        }
        out.u8(flags).u8(attribute.value().code());
        if ((flags & PathAttribute.EXTENDED_LENGTH) != 0) {
            out.u16(body.size());
        } else {
            out.u8(body.size());
        }
        out.bytes(body.toArray());
    }

    static IpAddress ipv4(WireReader in) {
        return IpAddress.ofV4((int) in.u32());
    }

    static BgpCommunity.Large large(WireReader in) {
        return new BgpCommunity.Large(in.u32(), in.u32(), in.u32());
    }

    static IpFamily family(int afi) {
        return afi == AfiSafi.AFI_IPV4 ? IpFamily.IPV4 : IpFamily.IPV6;
    }
}
