package io.metallb.bgp.wire;

import static io.metallb.bgp.wire.ErrorCodes.BAD_MESSAGE_LENGTH;
import static io.metallb.bgp.wire.ErrorCodes.MESSAGE_HEADER;

/**
 * The pure BGP codec: one whole message (header included) in, one message out, and back. Never reads outside
 * the array it is given; every failure is a {@link BgpException} naming the NOTIFICATION to send.
 *
 * <pre>
 * +---------------------------------------------------------------+
 * |                 Marker (16 octets of 0xFF)                    |
 * +-------------------------------+---------------+---------------+
 * |          Length (2)           |   Type (1)    |  body ...     |
 * +-------------------------------+---------------+---------------+
 * </pre>
 */
public final class BgpMessageCodec {
    /** Octets before the body. */
    public static final int HEADER_LENGTH = 19;
    /** Offset of the length field, for framing. */
    public static final int LENGTH_OFFSET = 16;

    private BgpMessageCodec() {
    }

    /** Decodes one message; {@code frame} must be exactly one message as the framer cut it. */
    public static Decoded decode(byte[] frame, WireOptions options) {
        WireReader in = WireReader.of(frame, MESSAGE_HEADER, BAD_MESSAGE_LENGTH, "message header");
        in.need(HEADER_LENGTH);
        for (int i = 0; i < 16; i++) {
            if (in.u8() != 0xFF) {
                throw BgpError.reset(MESSAGE_HEADER, ErrorCodes.CONNECTION_NOT_SYNCHRONIZED, Bytes.EMPTY,
                        "marker octet " + i + " is not 0xff").exception();
            }
        }
        int length = in.u16();
        int type = in.u8();
        if (length != frame.length || length > options.maxMessageLength()
                || length < minimumLength(type) || type == BgpMessage.KEEPALIVE && length != HEADER_LENGTH || (type == BgpMessage.OPEN || type == BgpMessage.KEEPALIVE)
                && length > WireOptions.MAX_LENGTH) {
            throw badLength(length, "length " + length + " for type " + type + " in a frame of " + frame.length);
        }
        return switch (type) {
            case BgpMessage.OPEN -> plain(OpenCodec.decode(body(in, ErrorCodes.OPEN_MESSAGE, ErrorCodes.UNSPECIFIC, "OPEN")));
            case BgpMessage.UPDATE -> UpdateCodec.decode(
                    body(in, ErrorCodes.UPDATE_MESSAGE, ErrorCodes.MALFORMED_ATTRIBUTE_LIST, "UPDATE"), options);
            case BgpMessage.NOTIFICATION -> plain(new Notification(in.u8(), in.u8(), in.rest()));
            case BgpMessage.KEEPALIVE -> plain(Keepalive.INSTANCE);
            case BgpMessage.ROUTE_REFRESH -> routeRefresh(in, frame);
            default -> throw BgpError.reset(MESSAGE_HEADER, ErrorCodes.BAD_MESSAGE_TYPE, Bytes.of((byte) type),
                    "message type " + type + " (expected: 1..5)").exception();
        };
    }

    private static int minimumLength(int type) {
        return switch (type) {
            case BgpMessage.OPEN -> 29;
            case BgpMessage.UPDATE -> 23;
            case BgpMessage.NOTIFICATION -> 21;
            default -> HEADER_LENGTH;
        };
    }

    private static BgpException badLength(int length, String detail) {
        return BgpError.reset(MESSAGE_HEADER, BAD_MESSAGE_LENGTH, Bytes.of((byte) (length >>> 8), (byte) length),
                detail).exception();
    }

    private static WireReader body(WireReader in, int code, int subcode, String what) {
        return in.slice(in.remaining(), code, subcode, BgpError.Handling.SESSION_RESET, what);
    }

    private static Decoded routeRefresh(WireReader in, byte[] frame) {
        if (in.remaining() != 4) {
            // RFC 7313 §5: the data is the complete message.
            throw BgpError.reset(ErrorCodes.ROUTE_REFRESH_MESSAGE, ErrorCodes.INVALID_MESSAGE_LENGTH,
                    Bytes.of(frame), "ROUTE-REFRESH of " + frame.length + " bytes (expected: 23)").exception();
        }
        int afi = in.u16();
        int subtype = in.u8();
        return plain(new RouteRefresh(new AfiSafi(afi, in.u8()), subtype));
    }

    private static Decoded plain(BgpMessage m) {
        return new Decoded(m, java.util.List.of());
    }

    /**
     * Encodes one message, header included.
     *
     * @throws IllegalArgumentException when the message does not fit the negotiated maximum length
     */
    public static byte[] encode(BgpMessage message, WireOptions options) {
        WireWriter out = new WireWriter();
        for (int i = 0; i < 16; i++) {
            out.u8(0xFF);
        }
        out.u16(0).u8(message.type());
        if (message instanceof Open o) {
            OpenCodec.encode(out, o);
        } else if (message instanceof Update u) {
            UpdateCodec.encode(out, u, options);
        } else if (message instanceof Notification n) {
            out.u8(n.code()).u8(n.subcode());
            n.data().writeTo(out);
        } else if (message instanceof RouteRefresh r) {
            out.u16(r.family().afi()).u8(r.subtype()).u8(r.family().safi());
        }
        int max = message instanceof Update || message instanceof Notification || message instanceof RouteRefresh
                ? options.maxMessageLength() : WireOptions.MAX_LENGTH;
        if (out.size() > max) {
            throw new IllegalArgumentException(message.getClass().getSimpleName() + " of " + out.size()
                    + " bytes (expected: at most " + max + ")");
        }
        out.putU16(LENGTH_OFFSET, out.size());
        return out.toArray();
    }
}
