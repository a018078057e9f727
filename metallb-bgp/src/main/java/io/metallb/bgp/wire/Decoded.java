package io.metallb.bgp.wire;

import java.util.List;
import java.util.Objects;

/**
 * A decoded message with the errors tolerated on the way (RFC 7606): discarded attributes, or an UPDATE whose
 * routes must be treated as withdrawn. Errors that reset the session are thrown instead.
 */
public record Decoded(BgpMessage message, List<BgpError> tolerated) {
    public Decoded {
        Objects.requireNonNull(message, "message");
        tolerated = List.copyOf(tolerated);
    }

    /** RFC 7606 §2: every route of this UPDATE counts as withdrawn. */
    public boolean treatAsWithdraw() {
        return tolerated.stream().anyMatch(e -> e.handling() == BgpError.Handling.TREAT_AS_WITHDRAW);
    }
}
