package io.metallb.l2.channel;

/** A channel could not be opened or used; the message says what was missing and how to provide it. */
public final class PacketChannelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PacketChannelException(String message) {
        super(message);
    }

    public PacketChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
