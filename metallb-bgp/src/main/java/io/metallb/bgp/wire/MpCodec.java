package io.metallb.bgp.wire;

import static io.metallb.bgp.wire.ErrorCodes.UPDATE_MESSAGE;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * MP_REACH_NLRI and MP_UNREACH_NLRI values (RFC 4760 §3, §4). Families other than IPv4/IPv6 unicast are kept
 * as unknown bytes: this speaker never advertises them, so a peer should not send them.
 *
 * <pre>
 * MP_REACH_NLRI                              MP_UNREACH_NLRI
 * +---------------------------------------+  +---------------------------------------+
 * | AFI (2) | SAFI (1)                    |  | AFI (2) | SAFI (1)                    |
 * | Length of Next Hop (1)                |  | Withdrawn Routes (variable)           |
 * | Next Hop (variable: 4, 16 or 16+16)   |  +---------------------------------------+
 * | Reserved (1)                          |
 * | NLRI (variable)                       |
 * +---------------------------------------+
 * </pre>
 */
final class MpCodec {
    private MpCodec() {
    }

    static Attribute decodeReach(WireReader in) {
        int start = in.position();
        AfiSafi family = new AfiSafi(in.u16(), in.u8());
        if (!family.isIpUnicast()) {
            return new Attribute.Unknown(Attribute.MP_REACH_NLRI, unknownSince(in, start));
        }
        IpFamily ip = AttributeCodec.family(family.afi());
        int hopLength = in.u8();
        int width = ip.bits() / 8;
        if (hopLength != width && !(ip == IpFamily.IPV6 && hopLength == 2 * width)) {
            throw new BgpError(UPDATE_MESSAGE, ErrorCodes.OPTIONAL_ATTRIBUTE_ERROR, Bytes.EMPTY,
                    BgpError.Handling.SESSION_RESET, "MP_REACH_NLRI next hop length " + hopLength + " (expected: "
                            + (ip == IpFamily.IPV6 ? "16 or 32" : "4") + ")").exception();
        }
        List<IpAddress> hops = new ArrayList<>(2);
        for (int i = 0; i < hopLength / width; i++) {
            hops.add(AttributeValues.address(in, ip));
        }
        in.u8(); // RFC 4760 §3: reserved, ignored on receipt
        return new Attribute.MpReach(family, hops, nlri(in, ip));
    }

    static Attribute decodeUnreach(WireReader in) {
        int start = in.position();
        AfiSafi family = new AfiSafi(in.u16(), in.u8());
        if (!family.isIpUnicast()) {
            return new Attribute.Unknown(Attribute.MP_UNREACH_NLRI, unknownSince(in, start));
        }
        return new Attribute.MpUnreach(family, nlri(in, AttributeCodec.family(family.afi())));
    }

    private static Bytes unknownSince(WireReader in, int start) {
        in.rest();
        return in.since(start);
    }

    private static List<io.metallb.api.net.IpPrefix> nlri(WireReader in, IpFamily ip) {
        // RFC 7606 §5.3: an NLRI that cannot be parsed resets the session.
        WireReader prefixes = in.slice(in.remaining(), UPDATE_MESSAGE, ErrorCodes.INVALID_NETWORK_FIELD,
                BgpError.Handling.SESSION_RESET, "MP NLRI");
        return PrefixCodec.decodeAll(prefixes, ip);
    }

    static void encodeReach(WireWriter out, Attribute.MpReach r) {
        out.u16(r.family().afi()).u8(r.family().safi());
        int hopLength = r.nextHops().stream().mapToInt(h -> h.family().bits() / 8).sum();
        out.u8(hopLength);
        r.nextHops().forEach(h -> out.bytes(h.toBytes()));
        out.u8(0);
        r.nlri().forEach(p -> PrefixCodec.encode(out, p));
    }

    static void encodeUnreach(WireWriter out, Attribute.MpUnreach u) {
        out.u16(u.family().afi()).u8(u.family().safi());
        u.withdrawn().forEach(p -> PrefixCodec.encode(out, p));
    }
}
