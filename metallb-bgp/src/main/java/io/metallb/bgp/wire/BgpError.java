package io.metallb.bgp.wire;

import java.util.Objects;

/**
 * A protocol error keyed by its RFC 4271 §4.5 (code, subcode), with the data the NOTIFICATION carries and how
 * much of the session it costs (RFC 7606 §2).
 *
 * @param code NOTIFICATION error code
 * @param subcode NOTIFICATION error subcode
 * @param data NOTIFICATION data (e.g. the offending attribute)
 * @param handling what the receiver does about it
 * @param detail what was seen and what was expected, for logs
 */
public record BgpError(int code, int subcode, Bytes data, Handling handling, String detail) {

    /** RFC 7606 §2 severity ladder, mildest first. */
    public enum Handling {
        /** Drop the attribute, keep the route. */
        ATTRIBUTE_DISCARD,
        /** Treat every route of the UPDATE as withdrawn, keep the session. */
        TREAT_AS_WITHDRAW,
        /** Send the NOTIFICATION and close the session. */
        SESSION_RESET
    }

    public BgpError {
        if (code < 1 || code > 255 || subcode < 0 || subcode > 255) {
            throw new IllegalArgumentException("error code/subcode: " + code + "/" + subcode);
        }
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(handling, "handling");
        Objects.requireNonNull(detail, "detail");
    }

    /** An error that resets the session. */
    public static BgpError reset(int code, int subcode, Bytes data, String detail) {
        return new BgpError(code, subcode, data, Handling.SESSION_RESET, detail);
    }

    /** The NOTIFICATION that reports this error to the peer. */
    public Notification toNotification() {
        return new Notification(code, subcode, data);
    }

    /** The exception form, for the decoder to throw. */
    public BgpException exception() {
        return new BgpException(this);
    }

    @Override
    public String toString() {
        return ErrorCodes.describe(code, subcode) + " (" + handling + "): " + detail;
    }
}
