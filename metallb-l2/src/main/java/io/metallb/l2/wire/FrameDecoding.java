package io.metallb.l2.wire;

import java.util.Objects;

/** The outcome of decoding bytes: a frame, or a typed reason it was dropped. */
public sealed interface FrameDecoding permits FrameDecoding.Decoded, FrameDecoding.Dropped {

    /** The bytes held a frame we understand. */
    record Decoded(EthernetFrame frame) implements FrameDecoding {
        public Decoded {
            Objects.requireNonNull(frame, "frame");
        }
    }

    /**
     * The bytes were refused.
     *
     * @param detail what was seen and what was expected, e.g. {@code "ARP length: 20 (expected: at least 28)"}
     */
    record Dropped(FrameDropReason reason, String detail) implements FrameDecoding {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Shorthand for a drop. */
    static FrameDecoding drop(FrameDropReason reason, String detail) {
        return new Dropped(reason, detail);
    }
}
