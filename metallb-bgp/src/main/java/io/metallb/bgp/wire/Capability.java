package io.metallb.bgp.wire;

import java.util.List;
import java.util.Objects;

/** A capability advertised in OPEN (RFC 5492); unknown codes are kept byte for byte. */
public sealed interface Capability {
    int MULTIPROTOCOL = 1;
    int ROUTE_REFRESH = 2;
    int EXTENDED_MESSAGE = 6;
    int GRACEFUL_RESTART = 64;
    int FOUR_OCTET_AS = 65;

    int code();

    /** Multiprotocol extensions for one family (RFC 4760 §8). */
    record Multiprotocol(AfiSafi family) implements Capability {
        public Multiprotocol {
            Objects.requireNonNull(family, "family");
        }

        @Override
        public int code() {
            return MULTIPROTOCOL;
        }
    }

    /** ROUTE-REFRESH support (RFC 2918 §2). */
    record RouteRefresh() implements Capability {
        @Override
        public int code() {
            return ROUTE_REFRESH;
        }
    }

    /** Messages up to 65535 octets (RFC 8654 §3). */
    record ExtendedMessage() implements Capability {
        @Override
        public int code() {
            return EXTENDED_MESSAGE;
        }
    }

    /** 4-octet AS numbers (RFC 6793 §3): the speaker's real AS. */
    record FourOctetAs(long asn) implements Capability {
        public FourOctetAs {
            if ((asn >>> 32) != 0) {
                throw new IllegalArgumentException("asn: " + asn + " (expected: 32-bit)");
            }
        }

        @Override
        public int code() {
            return FOUR_OCTET_AS;
        }
    }

    /**
     * Graceful restart (RFC 4724 §3).
     *
     * @param flags the 4 restart flags (R = 8, N = 4 of RFC 8538)
     * @param restartTime seconds, 12 bits
     */
    record GracefulRestart(int flags, int restartTime, List<Family> families) implements Capability {
        public GracefulRestart {
            if ((flags & ~0xF) != 0 || (restartTime & ~0xFFF) != 0) {
                throw new IllegalArgumentException("flags/restart time: " + flags + "/" + restartTime
                        + " (expected: 4/12-bit)");
            }
            families = List.copyOf(families);
        }

        @Override
        public int code() {
            return GRACEFUL_RESTART;
        }

        /** A family whose forwarding state may be preserved; flags bit 0x80 says it was. */
        public record Family(AfiSafi family, int flags) {
            public Family {
                Objects.requireNonNull(family, "family");
                if ((flags & ~0xFF) != 0) {
                    throw new IllegalArgumentException("flags: " + flags + " (expected: 8-bit)");
                }
            }
        }
    }

    /** A capability this speaker does not know: kept as bytes, re-encoded unchanged. */
    record Unknown(int code, Bytes value) implements Capability {
        public Unknown {
            if ((code & ~0xFF) != 0 || value.length() > 255) {
                throw new IllegalArgumentException("capability " + code + " of " + value.length() + " bytes");
            }
        }
    }
}
