package io.metallb.bgp.wire;

/**
 * NOTIFICATION error codes and subcodes: RFC 4271 §4.5 and §6, RFC 4486 (Cease), RFC 7313 (ROUTE-REFRESH),
 * RFC 5492 (Unsupported Capability).
 */
public final class ErrorCodes {
    public static final int MESSAGE_HEADER = 1;
    public static final int OPEN_MESSAGE = 2;
    public static final int UPDATE_MESSAGE = 3;
    public static final int HOLD_TIMER_EXPIRED = 4;
    public static final int FSM = 5;
    public static final int CEASE = 6;
    public static final int ROUTE_REFRESH_MESSAGE = 7;

    // Message Header Error subcodes.
    public static final int CONNECTION_NOT_SYNCHRONIZED = 1;
    public static final int BAD_MESSAGE_LENGTH = 2;
    public static final int BAD_MESSAGE_TYPE = 3;

    // OPEN Message Error subcodes.
    public static final int UNSPECIFIC = 0;
    public static final int UNSUPPORTED_VERSION = 1;
    public static final int BAD_PEER_AS = 2;
    public static final int BAD_BGP_IDENTIFIER = 3;
    public static final int UNSUPPORTED_OPTIONAL_PARAMETER = 4;
    public static final int UNACCEPTABLE_HOLD_TIME = 6;
    public static final int UNSUPPORTED_CAPABILITY = 7;

    // UPDATE Message Error subcodes.
    public static final int MALFORMED_ATTRIBUTE_LIST = 1;
    public static final int UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE = 2;
    public static final int MISSING_WELL_KNOWN_ATTRIBUTE = 3;
    public static final int ATTRIBUTE_FLAGS_ERROR = 4;
    public static final int ATTRIBUTE_LENGTH_ERROR = 5;
    public static final int INVALID_ORIGIN = 6;
    public static final int INVALID_NEXT_HOP = 8;
    public static final int OPTIONAL_ATTRIBUTE_ERROR = 9;
    public static final int INVALID_NETWORK_FIELD = 10;
    public static final int MALFORMED_AS_PATH = 11;

    // Cease subcodes, RFC 4486 §4.
    public static final int MAXIMUM_PREFIXES_REACHED = 1;
    public static final int ADMINISTRATIVE_SHUTDOWN = 2;
    public static final int PEER_DECONFIGURED = 3;
    public static final int ADMINISTRATIVE_RESET = 4;
    public static final int CONNECTION_REJECTED = 5;
    public static final int OTHER_CONFIGURATION_CHANGE = 6;
    public static final int CONNECTION_COLLISION_RESOLUTION = 7;
    public static final int OUT_OF_RESOURCES = 8;

    // ROUTE-REFRESH Message Error subcodes, RFC 7313 §5.
    public static final int INVALID_MESSAGE_LENGTH = 1;

    private static final String[] CODES = {"?", "Message Header Error", "OPEN Message Error",
        "UPDATE Message Error", "Hold Timer Expired", "Finite State Machine Error", "Cease",
        "ROUTE-REFRESH Message Error"};

    private ErrorCodes() {
    }

    /** A readable name for logs, e.g. {@code "OPEN Message Error/2"}. */
    public static String describe(int code, int subcode) {
        String name = code > 0 && code < CODES.length ? CODES[code] : "error " + code;
        return name + "/" + subcode;
    }
}
