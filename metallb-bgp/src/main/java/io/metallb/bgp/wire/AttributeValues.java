package io.metallb.bgp.wire;

import static io.metallb.bgp.wire.ErrorCodes.UPDATE_MESSAGE;

import io.metallb.api.config.BgpCommunity;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import java.util.ArrayList;
import java.util.List;

/** The value part of each known attribute, both directions; the reader is bounded by the attribute length. */
final class AttributeValues {
    private AttributeValues() {
    }

    static Attribute decode(int code, WireReader in, WireOptions options) {
        return switch (code) {
            case Attribute.ORIGIN -> origin(in);
            case Attribute.AS_PATH -> new Attribute.AsPath(segments(in, options.fourOctetAs()));
            case Attribute.AS4_PATH -> new Attribute.As4Path(segments(in, true));
            case Attribute.NEXT_HOP -> {
                exactly(in, 4);
                yield new Attribute.NextHop(AttributeCodec.ipv4(in));
            }
            case Attribute.MULTI_EXIT_DISC -> {
                exactly(in, 4);
                yield new Attribute.MultiExitDisc(in.u32());
            }
            case Attribute.LOCAL_PREF -> {
                exactly(in, 4);
                yield new Attribute.LocalPref(in.u32());
            }
            case Attribute.ATOMIC_AGGREGATE -> {
                exactly(in, 0);
                yield new Attribute.AtomicAggregate();
            }
            case Attribute.AGGREGATOR -> {
                exactly(in, options.fourOctetAs() ? 8 : 6);
                yield new Attribute.Aggregator(options.fourOctetAs() ? in.u32() : in.u16(), AttributeCodec.ipv4(in));
            }
            case Attribute.AS4_AGGREGATOR -> {
                exactly(in, 8);
                yield new Attribute.As4Aggregator(in.u32(), AttributeCodec.ipv4(in));
            }
            case Attribute.COMMUNITIES -> communities(in);
            case Attribute.LARGE_COMMUNITY -> largeCommunities(in);
            case Attribute.MP_REACH_NLRI -> MpCodec.decodeReach(in);
            case Attribute.MP_UNREACH_NLRI -> MpCodec.decodeUnreach(in);
            default -> throw new IllegalStateException("not a known attribute: " + code);
        };
    }

    private static void exactly(WireReader in, int length) {
        if (in.remaining() != length) {
            throw in.error("length " + in.remaining() + " (expected: " + length + ")");
        }
    }

    private static Attribute origin(WireReader in) {
        exactly(in, 1);
        int v = in.u8();
        if (v > 2) {
            throw new BgpError(UPDATE_MESSAGE, ErrorCodes.INVALID_ORIGIN, Bytes.EMPTY,
                    BgpError.Handling.TREAT_AS_WITHDRAW, "ORIGIN " + v + " (expected: 0..2)").exception();
        }
        return new Attribute.Origin(v);
    }

    private static List<AsPathSegment> segments(WireReader in, boolean fourOctet) {
        List<AsPathSegment> out = new ArrayList<>();
        while (in.hasRemaining()) {
            int type = in.u8();
            int count = in.u8();
            if (type < AsPathSegment.AS_SET || type > AsPathSegment.AS_CONFED_SET || count == 0) {
                throw malformedPath(in, "segment type " + type + " of " + count + " ASes (expected: type 1..4, "
                        + "at least one AS)");
            }
            if (in.remaining() < count * (fourOctet ? 4 : 2)) {
                throw malformedPath(in, "segment of " + count + " ASes in " + in.remaining() + " bytes");
            }
            List<Long> asns = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                asns.add(fourOctet ? in.u32() : in.u16());
            }
            out.add(new AsPathSegment(type, asns));
        }
        return out;
    }

    private static BgpException malformedPath(WireReader in, String detail) {
        // RFC 7606 §7.2: a malformed AS_PATH is treat-as-withdraw (AS4_PATH: discarded, RFC 6793 §6).
        BgpError e = in.error(detail).error();
        return new BgpError(UPDATE_MESSAGE, ErrorCodes.MALFORMED_AS_PATH, Bytes.EMPTY, e.handling(), e.detail())
                .exception();
    }

    private static Attribute communities(WireReader in) {
        if (in.remaining() == 0 || in.remaining() % 4 != 0) {
            throw in.error("length " + in.remaining() + " (expected: a non-zero multiple of 4)");
        }
        List<BgpCommunity.Standard> values = new ArrayList<>();
        while (in.hasRemaining()) {
            values.add(new BgpCommunity.Standard(in.u16(), in.u16()));
        }
        return new Attribute.Communities(values);
    }

    private static Attribute largeCommunities(WireReader in) {
        if (in.remaining() == 0 || in.remaining() % 12 != 0) {
            throw in.error("length " + in.remaining() + " (expected: a non-zero multiple of 12)");
        }
        List<BgpCommunity.Large> values = new ArrayList<>();
        while (in.hasRemaining()) {
            values.add(AttributeCodec.large(in));
        }
        return new Attribute.LargeCommunities(values);
    }

    static void encode(WireWriter out, Attribute value, WireOptions options) {
        if (value instanceof Attribute.Origin o) {
            out.u8(o.value());
        } else if (value instanceof Attribute.AsPath p) {
            segments(out, p.segments(), options.fourOctetAs());
        } else if (value instanceof Attribute.As4Path p) {
            segments(out, p.segments(), true);
        } else if (value instanceof Attribute.NextHop n) {
            out.bytes(n.address().toBytes());
        } else if (value instanceof Attribute.MultiExitDisc m) {
            out.u32(m.value());
        } else if (value instanceof Attribute.LocalPref l) {
            out.u32(l.value());
        } else if (value instanceof Attribute.Aggregator a) {
            if (options.fourOctetAs()) {
                out.u32(a.asn());
            } else {
                out.u16(a.asn() > 0xFFFF ? Open.AS_TRANS : (int) a.asn()); // RFC 6793 §4.2.2
            }
            out.bytes(a.address().toBytes());
        } else if (value instanceof Attribute.As4Aggregator a) {
            out.u32(a.asn()).bytes(a.address().toBytes());
        } else if (value instanceof Attribute.Communities c) {
            c.values().forEach(v -> out.u32(v.toInt() & 0xFFFF_FFFFL));
        } else if (value instanceof Attribute.LargeCommunities c) {
            c.values().forEach(v -> out.u32(v.globalAdministrator()).u32(v.localData1()).u32(v.localData2()));
        } else if (value instanceof Attribute.MpReach r) {
            MpCodec.encodeReach(out, r);
        } else if (value instanceof Attribute.MpUnreach u) {
            MpCodec.encodeUnreach(out, u);
        } else if (value instanceof Attribute.Unknown u) {
            u.value().writeTo(out);
        }
        // ATOMIC_AGGREGATE has no value.
    }

    private static void segments(WireWriter out, List<AsPathSegment> segments, boolean fourOctet) {
        for (AsPathSegment s : segments) {
            out.u8(s.type()).u8(s.asns().size());
            for (long asn : s.asns()) {
                if (fourOctet) {
                    out.u32(asn);
                } else {
                    // RFC 6793 §4.2.2: an AS that needs 4 octets becomes AS_TRANS on a 2-octet session.
                    out.u16(asn > 0xFFFF ? Open.AS_TRANS : (int) asn);
                }
            }
        }
    }

    static IpAddress address(WireReader in, IpFamily family) {
        return IpAddress.ofBytes(in.bytes(family.bits() / 8));
    }
}
