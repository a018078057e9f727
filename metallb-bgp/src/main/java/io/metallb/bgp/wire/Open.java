package io.metallb.bgp.wire;

import java.util.List;
import java.util.Optional;

/**
 * OPEN (RFC 4271 §4.2). Capabilities arrive in one or more optional parameters of type 2 (RFC 5492 §4); their
 * grouping is kept so that re-encoding gives the same bytes. The version is always 4: any other is refused.
 *
 * @param myAs the 2-octet "My Autonomous System" field (AS_TRANS 23456 when the real AS needs 4 octets)
 * @param holdTime proposed hold time in seconds: 0 or at least 3
 * @param bgpId BGP identifier, a non-zero 32-bit number
 * @param parameters the capability optional parameters, in wire order
 */
public record Open(int myAs, int holdTime, long bgpId, List<List<Capability>> parameters) implements BgpMessage {
    public static final int VERSION = 4;
    /** RFC 6793 §9: the 2-octet AS that stands in for a 4-octet one. */
    public static final int AS_TRANS = 23456;

    public Open {
        if ((myAs & ~0xFFFF) != 0 || (holdTime & ~0xFFFF) != 0 || (bgpId >>> 32) != 0) {
            throw new IllegalArgumentException("myAs/holdTime/bgpId out of range: " + myAs + "/" + holdTime + "/"
                    + bgpId);
        }
        parameters = parameters.stream().map(List::copyOf).toList();
    }

    /** An OPEN for {@code asn} (AS_TRANS in the 2-octet field when needed), one capability per parameter. */
    public static Open of(long asn, int holdTime, long bgpId, List<Capability> capabilities) {
        int field = asn > 0xFFFF ? AS_TRANS : (int) asn;
        return new Open(field, holdTime, bgpId, capabilities.stream().map(List::of).toList());
    }

    /** All capabilities, flattened in wire order. */
    public List<Capability> capabilities() {
        return parameters.stream().flatMap(List::stream).toList();
    }

    /** The first capability of a kind. */
    public <C extends Capability> Optional<C> capability(Class<C> kind) {
        return capabilities().stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** The sender's AS: from the 4-octet AS capability when present, else the 2-octet field. */
    public long asn() {
        return capability(Capability.FourOctetAs.class).map(Capability.FourOctetAs::asn).orElse((long) myAs);
    }

    @Override
    public int type() {
        return OPEN;
    }
}
