package io.metallb.api.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class IpPropertyTest {

    private static final int EXAMPLES = 2_000;

    /** IPv4 over the whole space, with the ends and octet boundaries favoured. */
    private static Gen<IpAddress> v4() {
        return integers().all().mix(arbitrary().pick(0, -1, 0xC6336400, 0xC63364FF, 0xCB007100), 20)
                .map(IpAddress::ofV4);
    }

    /** IPv6 built group by group, zero groups favoured so that every compression case comes up. */
    private static Gen<IpAddress> v6() {
        Gen<Integer> group = integers().between(0, 0xFFFF).mix(arbitrary().pick(0, 0, 0, 1, 0xFFFF), 60);
        Gen<IpAddress> grouped = lists().of(group).ofSize(8).map(g -> {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 4; i++) {
                hi = (hi << 16) | g.get(i);
                lo = (lo << 16) | g.get(i + 4);
            }
            return IpAddress.ofV6(hi, lo);
        });
        Gen<IpAddress> mapped = integers().all().map(v -> IpAddress.ofV6(0, 0xFFFF_0000_0000L | (v & 0xFFFF_FFFFL)));
        return grouped.mix(longs().all().zip(longs().all(), IpAddress::ofV6), 30).mix(mapped, 10);
    }

    private static Gen<IpAddress> any() {
        return v4().mix(v6());
    }

    @Test
    void parseOfFormatIsIdentity() {
        qt().withExamples(EXAMPLES).forAll(any()).checkAssert(a -> {
            assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
            assertThat(a.toString()).isEqualTo(a.toString().toLowerCase()).doesNotContain(":::");
        });
    }

    @Test
    void formatFollowsRfc5952() {
        qt().withExamples(EXAMPLES).forAll(v6()).checkAssert(a -> {
            String s = a.toString();
            if (isMapped(a)) {
                assertThat(s).isEqualTo("::ffff:" + IpAddress.ofV4((int) a.low()));
                return;
            }
            // RFC 5952 §4.1 no leading zeros; §4.2.1 one "::" at most; §4.2.2 never for a single group;
            // §4.2.3 the longest zero run, the first one on a tie.
            int gap = s.indexOf("::");
            assertThat(gap).isEqualTo(s.lastIndexOf("::"));
            List<String> left = groups(gap < 0 ? s : s.substring(0, gap));
            List<String> right = gap < 0 ? List.of() : groups(s.substring(gap + 2));
            assertThat(left).allSatisfy(g -> assertThat(g).matches("0|[1-9a-f][0-9a-f]{0,3}"));
            assertThat(right).allSatisfy(g -> assertThat(g).matches("0|[1-9a-f][0-9a-f]{0,3}"));
            int elided = 8 - left.size() - right.size();
            if (gap < 0) {
                assertThat(elided).isZero();
                assertThat(longestZeroRun(left)).isLessThanOrEqualTo(1);
            } else {
                assertThat(elided).isGreaterThanOrEqualTo(2);
                assertThat(longestZeroRun(left)).isLessThan(elided);
                assertThat(longestZeroRun(right)).isLessThanOrEqualTo(elided);
            }
        });
    }

    private static List<String> groups(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split(":", -1));
    }

    private static int longestZeroRun(List<String> groups) {
        int best = 0;
        int run = 0;
        for (String g : groups) {
            run = g.equals("0") ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    @Test
    void agreesNumericallyWithInetAddress() {
        qt().withExamples(EXAMPLES).forAll(any()).checkAssert(a -> {
            byte[] viaJdk = inet(a.toString());
            if (viaJdk.length == 4 && !a.isV4()) {
                // InetAddress turns IPv4-mapped IPv6 into IPv4; compare the low 32 bits.
                assertThat(a.high()).isZero();
                assertThat(a.low() >>> 32).isEqualTo(0xFFFFL);
                assertThat(IpAddress.ofBytes(viaJdk).low()).isEqualTo(a.low() & 0xFFFF_FFFFL);
            } else {
                assertThat(viaJdk).isEqualTo(a.toBytes());
            }
        });
    }

    @Test
    void bytesRoundTrip() {
        qt().withExamples(EXAMPLES).forAll(any()).checkAssert(a -> {
            assertThat(IpAddress.ofBytes(a.toBytes())).isEqualTo(a);
            assertThat(IpAddress.ofBigInteger(a.family(), a.toBigInteger())).isEqualTo(a);
        });
    }

    @Test
    void nextThenPreviousIsIdentity() {
        qt().withExamples(EXAMPLES).forAll(any()).checkAssert(a -> {
            if (!a.isMax()) {
                assertThat(a.next().previous()).isEqualTo(a);
                assertThat(a.next()).isGreaterThan(a);
                assertThat(a.next().toBigInteger()).isEqualTo(a.toBigInteger().add(BigInteger.ONE));
            }
        });
    }

    @Test
    void prefixesCoverTheRangeExactly() {
        Gen<IpRange> v4Ranges = v4().zip(v4(), IpPropertyTest::ordered);
        Gen<IpRange> v6Ranges = v6().zip(v6(), IpPropertyTest::ordered);
        Gen<IpRange> v6Near = v6().zip(longs().between(0, 1L << 20), (a, d) -> ordered(a,
                IpAddress.ofBigInteger(IpFamily.IPV6, a.toBigInteger().add(BigInteger.valueOf(d))
                        .min(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)))));
        qt().withExamples(EXAMPLES / 4).forAll(v4Ranges.mix(v6Ranges).mix(v6Near, 30)).checkAssert(r -> {
            List<IpPrefix> ps = r.toPrefixes();
            assertThat(ps).isNotEmpty();
            assertThat(ps.get(0).first()).isEqualTo(r.first());
            assertThat(ps.get(ps.size() - 1).last()).isEqualTo(r.last());
            BigInteger total = BigInteger.ZERO;
            for (int i = 0; i < ps.size(); i++) {
                IpPrefix p = ps.get(i);
                // Aligned: the constructor masks, so an unaligned prefix would have moved.
                assertThat(new IpPrefix(p.first(), p.length())).isEqualTo(p);
                total = total.add(p.toRange().size());
                if (i > 0) {
                    assertThat(ps.get(i - 1).last().next()).isEqualTo(p.first());
                }
            }
            assertThat(total).isEqualTo(r.size());
            // Minimal: a cover of a range has at most 2 prefixes per bit of address width.
            assertThat(ps.size()).isLessThanOrEqualTo(2 * r.family().bits());
            assertThat(IpRange.parse(r.first() + "-" + r.last())).isEqualTo(r);
        });
    }

    @Test
    void parsersThrowOnlyIllegalArgumentException() {
        Gen<String> nearIp = lists().of(arbitrary().pick(List.of("0", "1", "9", "25", "255", "256", "00", "ff",
                "FFFF", "db8", "12345", ".", ":", "::", "/", "-", " ", "%", "g", "x", "\uff11"))).ofSizeBetween(0, 16)
                .map(parts -> String.join("", parts));
        Gen<String> anyText = strings().allPossible().ofLengthBetween(0, 24);
        qt().withExamples(2 * EXAMPLES).forAll(nearIp.mix(anyText, 30)).checkAssert(s -> {
            for (Function<String, Object> parser : List.<Function<String, Object>>of(IpAddress::parse,
                    IpPrefix::parse, IpRange::parse)) {
                Throwable t = catchThrowable(() -> parser.apply(s));
                if (t != null && t.getClass() != IllegalArgumentException.class) {
                    throw new AssertionError("parsing \"" + s + "\" threw " + t, t);
                }
            }
        });
    }

    @Test
    void parsedAddressesFormatBackToAnEquivalentLiteral() {
        Gen<String> hexish = lists().of(arbitrary().pick(List.of("0", "1", "a", "F", "00", "ffff", "db8", ":", "::",
                ".", "198", "51", "100"))).ofSizeBetween(1, 14).map(parts -> String.join("", parts));
        qt().withExamples(5 * EXAMPLES).forAll(hexish).checkAssert(s -> {
            IpAddress a;
            try {
                a = IpAddress.parse(s);
            } catch (IllegalArgumentException e) {
                return;
            }
            assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
            assertThat(inet(s)).hasSize(a.isV4() || isMapped(a) ? 4 : 16);
        });
    }

    private static boolean isMapped(IpAddress a) {
        return !a.isV4() && a.high() == 0 && (a.low() >>> 32) == 0xFFFFL;
    }

    private static IpRange ordered(IpAddress a, IpAddress b) {
        return a.compareTo(b) <= 0 ? new IpRange(a, b) : new IpRange(b, a);
    }

    private static byte[] inet(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(literal, e);
        }
    }
}
