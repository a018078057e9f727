package io.metallb.l2.wire;

/**
 * Raised inside the codecs of this package when bytes break a rule; {@link EthernetFrameDecoder} turns it into a
 * {@link FrameDecoding.Dropped}, so it never leaves the package. Carries no stack trace: malformed input is an
 * expected, counted event and must stay cheap under a flood.
 */
final class MalformedFrameException extends Exception {

    private static final long serialVersionUID = 1L;

    private final FrameDropReason reason;

    MalformedFrameException(FrameDropReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    FrameDropReason reason() {
        return reason;
    }
}
