package io.metallb.bgp.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * One capability (RFC 5492 §4): code, length, value. A known code with a wrong length is a malformed OPEN
 * (subcode 0, RFC 4271 §6.2).
 */
final class CapabilityCodec {
    private CapabilityCodec() {
    }

    static Capability decode(WireReader in) {
        int code = in.u8();
        int length = in.u8();
        WireReader v = in.slice(length, "capability " + code);
        Capability c = switch (code) {
            case Capability.MULTIPROTOCOL -> {
                exactly(v, 4, code);
                int afi = v.u16();
                v.u8(); // reserved
                yield new Capability.Multiprotocol(new AfiSafi(afi, v.u8()));
            }
            case Capability.ROUTE_REFRESH -> {
                exactly(v, 0, code);
                yield new Capability.RouteRefresh();
            }
            case Capability.EXTENDED_MESSAGE -> {
                exactly(v, 0, code);
                yield new Capability.ExtendedMessage();
            }
            case Capability.FOUR_OCTET_AS -> {
                exactly(v, 4, code);
                yield new Capability.FourOctetAs(v.u32());
            }
            case Capability.GRACEFUL_RESTART -> gracefulRestart(v);
            default -> new Capability.Unknown(code, v.rest());
        };
        return c;
    }

    private static Capability gracefulRestart(WireReader v) {
        if (v.remaining() < 2 || (v.remaining() - 2) % 4 != 0) {
            throw v.error("graceful restart length " + v.remaining() + " (expected: 2 + 4n)");
        }
        int head = v.u16();
        List<Capability.GracefulRestart.Family> families = new ArrayList<>();
        while (v.hasRemaining()) {
            AfiSafi family = new AfiSafi(v.u16(), v.u8());
            families.add(new Capability.GracefulRestart.Family(family, v.u8()));
        }
        return new Capability.GracefulRestart(head >>> 12, head & 0xFFF, families);
    }

    private static void exactly(WireReader v, int length, int code) {
        if (v.remaining() != length) {
            throw v.error("capability " + code + " length " + v.remaining() + " (expected: " + length + ")");
        }
    }

    static void encode(WireWriter out, Capability c) {
        out.u8(c.code());
        int at = out.size();
        out.u8(0);
        if (c instanceof Capability.Multiprotocol m) {
            out.u16(m.family().afi()).u8(0).u8(m.family().safi());
        } else if (c instanceof Capability.FourOctetAs f) {
            out.u32(f.asn());
        } else if (c instanceof Capability.GracefulRestart g) {
            out.u16((g.flags() << 12) | g.restartTime());
            g.families().forEach(f -> out.u16(f.family().afi()).u8(f.family().safi()).u8(f.flags()));
        } else if (c instanceof Capability.Unknown u) {
            u.value().writeTo(out);
        }
        out.putU8(at, out.size() - at - 1);
    }
}
