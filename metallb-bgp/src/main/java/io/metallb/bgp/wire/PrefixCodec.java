package io.metallb.bgp.wire;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/**
 * Prefixes as RFC 4271 §4.3 packs them: a length in bits, then just enough octets. Trailing bits past the length
 * are irrelevant on receipt (and masked off), zero when sent.
 *
 * <pre>
 * +---------------------------+
 * |   Length (1 octet)        |
 * +---------------------------+
 * |   Prefix (variable)       |
 * +---------------------------+
 * </pre>
 */
final class PrefixCodec {
    private PrefixCodec() {
    }

    static List<IpPrefix> decodeAll(WireReader in, IpFamily family) {
        List<IpPrefix> out = new ArrayList<>();
        while (in.hasRemaining()) {
            out.add(decode(in, family));
        }
        return out;
    }

    static IpPrefix decode(WireReader in, IpFamily family) {
        int length = in.u8();
        if (length > family.bits()) {
            throw in.error("prefix length " + length + " (expected: 0.." + family.bits() + ")");
        }
        byte[] full = new byte[family.bits() / 8];
        byte[] part = in.bytes((length + 7) / 8);
        System.arraycopy(part, 0, full, 0, part.length);
        return new IpPrefix(IpAddress.ofBytes(full), length);
    }

    static void encode(WireWriter out, IpPrefix prefix) {
        out.u8(prefix.length());
        out.bytes(prefix.network().toBytes(), encodedLength(prefix) - 1);
    }

    /** Octets the prefix takes on the wire, its length octet included. */
    static int encodedLength(IpPrefix prefix) {
        return 1 + (prefix.length() + 7) / 8;
    }
}
