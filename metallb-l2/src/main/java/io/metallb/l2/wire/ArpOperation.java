package io.metallb.l2.wire;

import java.util.Optional;

/** ARP opcodes (RFC 826, "ar$op"). */
public enum ArpOperation {
    /** ares_op$REQUEST. */
    REQUEST(1),
    /** ares_op$REPLY. */
    REPLY(2);

    private final int code;

    ArpOperation(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** The operation with wire value {@code code}, if it is one of the two. */
    public static Optional<ArpOperation> fromCode(int code) {
        return switch (code) {
            case 1 -> Optional.of(REQUEST);
            case 2 -> Optional.of(REPLY);
            default -> Optional.empty();
        };
    }
}
