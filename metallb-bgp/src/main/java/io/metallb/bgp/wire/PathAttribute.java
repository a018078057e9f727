package io.metallb.bgp.wire;

import java.util.Objects;

/**
 * A path attribute as sent: its flags octet (RFC 4271 §4.3) and value. The flags are kept because the partial
 * and extended-length bits are information a re-encoding must not lose.
 */
public record PathAttribute(int flags, Attribute value) {
    public static final int OPTIONAL = 0x80;
    public static final int TRANSITIVE = 0x40;
    public static final int PARTIAL = 0x20;
    public static final int EXTENDED_LENGTH = 0x10;

    public PathAttribute {
        if ((flags & ~0xFF) != 0) {
            throw new IllegalArgumentException("flags: " + flags + " (expected: 8-bit)");
        }
        Objects.requireNonNull(value, "value");
    }

    /** The attribute with the flags its type requires; extended length is set by the encoder when needed. */
    public static PathAttribute of(Attribute value) {
        return new PathAttribute(AttributeCodec.requiredFlags(value.code()), value);
    }

    public boolean isOptional() {
        return (flags & OPTIONAL) != 0;
    }

    public boolean isTransitive() {
        return (flags & TRANSITIVE) != 0;
    }

    /**
     * The attribute as passed on to another peer (RFC 4271 §5): an unknown optional transitive one gets the
     * partial bit; an unknown optional non-transitive one is not passed on (empty).
     */
    public java.util.Optional<PathAttribute> forwarded() {
        if (!(value instanceof Attribute.Unknown)) {
            return java.util.Optional.of(this);
        }
        if (isOptional() && isTransitive()) {
            return java.util.Optional.of(new PathAttribute(flags | PARTIAL, value));
        }
        return java.util.Optional.empty();
    }
}
