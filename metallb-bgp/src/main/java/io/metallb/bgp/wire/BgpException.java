package io.metallb.bgp.wire;

import java.util.Objects;

/** Thrown by the codec for bytes that are not a valid BGP message; {@link #error()} says which NOTIFICATION. */
public final class BgpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient BgpError error;

    public BgpException(BgpError error) {
        super(Objects.requireNonNull(error, "error").toString());
        this.error = error;
    }

    public BgpError error() {
        return error;
    }
}
