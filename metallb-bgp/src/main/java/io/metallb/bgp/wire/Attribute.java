package io.metallb.bgp.wire;

import io.metallb.api.config.BgpCommunity;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpPrefix;
import java.util.List;
import java.util.Objects;

/** The value of a path attribute (RFC 4271 §5 and extensions); unknown codes are kept byte for byte. */
public sealed interface Attribute {
    int ORIGIN = 1;
    int AS_PATH = 2;
    int NEXT_HOP = 3;
    int MULTI_EXIT_DISC = 4;
    int LOCAL_PREF = 5;
    int ATOMIC_AGGREGATE = 6;
    int AGGREGATOR = 7;
    int COMMUNITIES = 8;
    int MP_REACH_NLRI = 14;
    int MP_UNREACH_NLRI = 15;
    int AS4_PATH = 17;
    int AS4_AGGREGATOR = 18;
    int LARGE_COMMUNITY = 32;

    int code();

    /** ORIGIN: 0 IGP, 1 EGP, 2 INCOMPLETE. */
    record Origin(int value) implements Attribute {
        public static final Origin IGP = new Origin(0);
        public static final Origin INCOMPLETE = new Origin(2);

        public Origin {
            if (value < 0 || value > 2) {
                throw new IllegalArgumentException("origin: " + value + " (expected: 0..2)");
            }
        }

        @Override
        public int code() {
            return ORIGIN;
        }
    }

    /** AS_PATH (2- or 4-octet AS numbers, by the session's capability). */
    record AsPath(List<AsPathSegment> segments) implements Attribute {
        public static final AsPath EMPTY = new AsPath(List.of());

        public AsPath {
            segments = List.copyOf(segments);
        }

        /** A single AS_SEQUENCE. */
        public static AsPath sequence(long... asns) {
            return new AsPath(List.of(new AsPathSegment(AsPathSegment.AS_SEQUENCE,
                    java.util.Arrays.stream(asns).boxed().toList())));
        }

        @Override
        public int code() {
            return AS_PATH;
        }
    }

    /** AS4_PATH (RFC 6793 §3): the 4-octet path sent alongside a 2-octet AS_PATH. */
    record As4Path(List<AsPathSegment> segments) implements Attribute {
        public As4Path {
            segments = List.copyOf(segments);
        }

        @Override
        public int code() {
            return AS4_PATH;
        }
    }

    /** NEXT_HOP for IPv4 NLRI. */
    record NextHop(IpAddress address) implements Attribute {
        public NextHop {
            if (address.family() != IpFamily.IPV4) {
                throw new IllegalArgumentException("NEXT_HOP " + address + " (expected: IPv4)");
            }
        }

        @Override
        public int code() {
            return NEXT_HOP;
        }
    }

    /** MULTI_EXIT_DISC. */
    record MultiExitDisc(long value) implements Attribute {
        public MultiExitDisc {
            Unsigned.check32("MED", value);
        }

        @Override
        public int code() {
            return MULTI_EXIT_DISC;
        }
    }

    /** LOCAL_PREF (iBGP only). */
    record LocalPref(long value) implements Attribute {
        public LocalPref {
            Unsigned.check32("LOCAL_PREF", value);
        }

        @Override
        public int code() {
            return LOCAL_PREF;
        }
    }

    /** ATOMIC_AGGREGATE: no value. */
    record AtomicAggregate() implements Attribute {
        @Override
        public int code() {
            return ATOMIC_AGGREGATE;
        }
    }

    /** AGGREGATOR: the AS (2 or 4 octets, by the session) and IPv4 address that aggregated. */
    record Aggregator(long asn, IpAddress address) implements Attribute {
        public Aggregator {
            Unsigned.check32("aggregator AS", asn);
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int code() {
            return AGGREGATOR;
        }
    }

    /** AS4_AGGREGATOR (RFC 6793 §3). */
    record As4Aggregator(long asn, IpAddress address) implements Attribute {
        public As4Aggregator {
            Unsigned.check32("aggregator AS", asn);
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int code() {
            return AS4_AGGREGATOR;
        }
    }

    /** COMMUNITIES (RFC 1997); see {@link WellKnownCommunity} for the named values. */
    record Communities(List<BgpCommunity.Standard> values) implements Attribute {
        public Communities {
            values = List.copyOf(values);
        }

        @Override
        public int code() {
            return COMMUNITIES;
        }
    }

    /** LARGE_COMMUNITY (RFC 8092). */
    record LargeCommunities(List<BgpCommunity.Large> values) implements Attribute {
        public LargeCommunities {
            values = List.copyOf(values);
        }

        @Override
        public int code() {
            return LARGE_COMMUNITY;
        }
    }

    /**
     * MP_REACH_NLRI (RFC 4760 §3) for IPv4/IPv6 unicast; an IPv6 next hop may be global plus link-local
     * (RFC 2545 §3). Other families are kept as {@link Unknown}.
     */
    record MpReach(AfiSafi family, List<IpAddress> nextHops, List<IpPrefix> nlri) implements Attribute {
        public MpReach {
            Objects.requireNonNull(family, "family");
            nextHops = List.copyOf(nextHops);
            nlri = List.copyOf(nlri);
            if (nextHops.isEmpty() || nextHops.size() > 2) {
                throw new IllegalArgumentException("next hops: " + nextHops + " (expected: 1 or 2)");
            }
        }

        @Override
        public int code() {
            return MP_REACH_NLRI;
        }
    }

    /** MP_UNREACH_NLRI (RFC 4760 §4); empty for IPv6 is that family's End-of-RIB (RFC 4724 §2). */
    record MpUnreach(AfiSafi family, List<IpPrefix> withdrawn) implements Attribute {
        public MpUnreach {
            Objects.requireNonNull(family, "family");
            withdrawn = List.copyOf(withdrawn);
        }

        @Override
        public int code() {
            return MP_UNREACH_NLRI;
        }
    }

    /** An attribute this speaker does not interpret. */
    record Unknown(int code, Bytes value) implements Attribute {
        public Unknown {
            if ((code & ~0xFF) != 0) {
                throw new IllegalArgumentException("attribute code: " + code + " (expected: 8-bit)");
            }
            Objects.requireNonNull(value, "value");
        }
    }
}
