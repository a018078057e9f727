package io.metallb.bgp.wire;

import io.metallb.api.config.BgpCommunity;
import java.util.Arrays;
import java.util.Optional;

/** Communities with a meaning fixed by RFC (IANA "BGP Well-known Communities"). */
public enum WellKnownCommunity {
    GRACEFUL_SHUTDOWN(0xFFFF0000), // RFC 8326
    BLACKHOLE(0xFFFF029A), // RFC 7999
    NO_EXPORT(0xFFFFFF01), // RFC 1997
    NO_ADVERTISE(0xFFFFFF02), // RFC 1997
    NO_EXPORT_SUBCONFED(0xFFFFFF03), // RFC 1997
    NO_PEER(0xFFFFFF04); // RFC 3765

    private final int value;

    WellKnownCommunity(int value) {
        this.value = value;
    }

    public BgpCommunity.Standard community() {
        return new BgpCommunity.Standard(value >>> 16, value & 0xFFFF);
    }

    /** The name of a well-known community, if {@code community} is one. */
    public static Optional<WellKnownCommunity> of(BgpCommunity.Standard community) {
        return Arrays.stream(values()).filter(w -> w.value == community.toInt()).findFirst();
    }
}
