package io.metallb.bgp.wire;

import static io.metallb.bgp.wire.ErrorCodes.OPEN_MESSAGE;

import java.util.ArrayList;
import java.util.List;

/**
 * OPEN bodies (RFC 4271 §4.2) and capabilities (RFC 5492 §4).
 *
 * <pre>
 * +---------+------------+-----------+----------------+-------------+-----------------------+
 * | Version | My AS (2)  | Hold (2)  | BGP Identifier | Opt Parm    | Optional Parameters   |
 * | (1)     |            |           | (4)            | Len (1)     | (type 2: capabilities)|
 * +---------+------------+-----------+----------------+-------------+-----------------------+
 * </pre>
 */
final class OpenCodec {
    private static final int CAPABILITIES_PARAMETER = 2;

    private OpenCodec() {
    }

    static Open decode(WireReader in) {
        int version = in.u8();
        if (version != Open.VERSION) {
            // RFC 4271 §6.2: the data is the largest version we support.
            throw BgpError.reset(OPEN_MESSAGE, ErrorCodes.UNSUPPORTED_VERSION, Bytes.of((byte) 0, (byte) 4),
                    "version " + version + " (expected: 4)").exception();
        }
        int myAs = in.u16();
        int hold = in.u16();
        if (hold == 1 || hold == 2) {
            throw BgpError.reset(OPEN_MESSAGE, ErrorCodes.UNACCEPTABLE_HOLD_TIME, Bytes.EMPTY,
                    "hold time " + hold + " (expected: 0 or at least 3)").exception();
        }
        long bgpId = in.u32();
        if (bgpId == 0) {
            throw BgpError.reset(OPEN_MESSAGE, ErrorCodes.BAD_BGP_IDENTIFIER, Bytes.EMPTY,
                    "BGP identifier 0.0.0.0 (expected: non-zero, RFC 6286)").exception();
        }
        int parametersLength = in.u8();
        if (parametersLength != in.remaining()) {
            throw in.error("optional parameters length " + parametersLength + " with " + in.remaining()
                    + " bytes left");
        }
        List<List<Capability>> parameters = new ArrayList<>();
        while (in.hasRemaining()) {
            int type = in.u8();
            int length = in.u8();
            WireReader value = in.slice(length, "optional parameter " + type);
            if (type != CAPABILITIES_PARAMETER) {
                throw BgpError.reset(OPEN_MESSAGE, ErrorCodes.UNSUPPORTED_OPTIONAL_PARAMETER, Bytes.EMPTY,
                        "optional parameter type " + type + " (expected: 2, capabilities)").exception();
            }
            List<Capability> capabilities = new ArrayList<>();
            while (value.hasRemaining()) {
                capabilities.add(CapabilityCodec.decode(value));
            }
            parameters.add(capabilities);
        }
        return new Open(myAs, hold, bgpId, parameters);
    }

    static void encode(WireWriter out, Open open) {
        out.u8(Open.VERSION).u16(open.myAs()).u16(open.holdTime()).u32(open.bgpId());
        int lengthAt = out.size();
        out.u8(0);
        for (List<Capability> parameter : open.parameters()) {
            out.u8(CAPABILITIES_PARAMETER);
            int at = out.size();
            out.u8(0);
            parameter.forEach(c -> CapabilityCodec.encode(out, c));
            out.putU8(at, checked(out.size() - at - 1));
        }
        out.putU8(lengthAt, checked(out.size() - lengthAt - 1));
    }

    private static int checked(int length) {
        if (length > 255) {
            throw new IllegalArgumentException("optional parameters of " + length + " bytes (expected: <= 255)");
        }
        return length;
    }
}
