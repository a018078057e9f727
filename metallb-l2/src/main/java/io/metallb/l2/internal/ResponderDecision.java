package io.metallb.l2.internal;

import java.util.Objects;

/** What to do with one received frame: send a reply, or drop it for a counted reason. */
sealed interface ResponderDecision permits ResponderDecision.Reply, ResponderDecision.Drop {

    /**
     * Send {@code frame}, the answer for the owned address {@code target} (bytes are not a record component's
     * business: the array is never shared).
     */
    record Reply(Frame frame, io.metallb.api.net.IpAddress target) implements ResponderDecision {
        public Reply {
            Objects.requireNonNull(frame, "frame");
            Objects.requireNonNull(target, "target");
        }
    }

    /** Drop, counting {@code reason}. */
    record Drop(L2DropReason reason) implements ResponderDecision {
        public Drop {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** An encoded frame, copied in and out so no one else holds the array. */
    final class Frame {
        private final byte[] bytes;

        Frame(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && java.util.Arrays.equals(bytes, f.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }
    }
}
