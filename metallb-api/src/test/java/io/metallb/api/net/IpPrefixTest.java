package io.metallb.api.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            198.51.100.0/24      | 198.51.100.0/24     | 198.51.100.0    | 198.51.100.255
            198.51.100.77/24     | 198.51.100.0/24     | 198.51.100.0    | 198.51.100.255
            198.51.100.77/32     | 198.51.100.77/32    | 198.51.100.77   | 198.51.100.77
            203.0.113.200/26     | 203.0.113.192/26    | 203.0.113.192   | 203.0.113.255
            198.51.100.77/0      | 0.0.0.0/0           | 0.0.0.0         | 255.255.255.255
            198.51.100.0/024     | 198.51.100.0/24     | 198.51.100.0    | 198.51.100.255
            2001:db8::/32        | 2001:db8::/32       | 2001:db8::      | 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff
            2001:db8::1/64       | 2001:db8::/64       | 2001:db8::      | 2001:db8::ffff:ffff:ffff:ffff
            2001:db8:0:1:2::7/63 | 2001:db8::/63       | 2001:db8::      | 2001:db8:0:1:ffff:ffff:ffff:ffff
            2001:db8::abcd/120   | 2001:db8::ab00/120  | 2001:db8::ab00  | 2001:db8::abff
            2001:db8::7/128      | 2001:db8::7/128     | 2001:db8::7     | 2001:db8::7
            2001:db8::7/0        | ::/0                | ::              | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff
            """)
    void masksHostBitsAsGoParseCidrDoes(String text, String canonical, String first, String last) {
        IpPrefix p = IpPrefix.parse(text);
        assertThat(p).hasToString(canonical);
        assertThat(p.first()).hasToString(first);
        assertThat(p.last()).hasToString(last);
        assertThat(IpPrefix.parse(canonical)).isEqualTo(p);
        assertThat(p.toRange()).isEqualTo(new IpRange(p.first(), p.last()));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"198.51.100.0", "198.51.100.0/", "198.51.100.0/33", "198.51.100.0/-1",
        "198.51.100.0/24 ", " 198.51.100.0/24", "198.51.100.0/ 24", "198.51.100.0/+24", "198.51.100.0/24/24",
        "198.51.100.0/2x", "198.51.100.0/99999999999999999999", "2001:db8::/129", "2001:db8::/", "/24",
        "198.51.100.256/24", "2001:db8::g/64", "fe80::1%eth0/64"})
    void refusesBadCidrs(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> IpPrefix.parse(text))
                .withMessageStartingWith("invalid CIDR \"" + text + "\"");
    }

    @Test
    void explainsABadLength() {
        assertThatIllegalArgumentException().isThrownBy(() -> IpPrefix.parse("2001:db8::/129"))
                .withMessage("invalid CIDR \"2001:db8::/129\": prefix length \"129\" (expected: 0..128)");
        assertThatIllegalArgumentException().isThrownBy(() -> new IpPrefix(IpAddress.parse("198.51.100.0"), 33))
                .withMessage("prefix length: 33 (expected: 0..32)");
        assertThatIllegalArgumentException().isThrownBy(() -> new IpPrefix(IpAddress.parse("2001:db8::"), -1));
    }

    @Test
    void containsOnlyItsOwnFamilyAndAddresses() {
        IpPrefix p = IpPrefix.parse("198.51.100.0/25");
        assertThat(p.contains(IpAddress.parse("198.51.100.0"))).isTrue();
        assertThat(p.contains(IpAddress.parse("198.51.100.127"))).isTrue();
        assertThat(p.contains(IpAddress.parse("198.51.100.128"))).isFalse();
        assertThat(p.contains(IpAddress.parse("198.51.99.255"))).isFalse();
        assertThat(p.contains(IpAddress.parse("::ffff:198.51.100.1"))).isFalse();
        assertThat(IpPrefix.parse("0.0.0.0/0").contains(IpAddress.parse("2001:db8::1"))).isFalse();
        IpPrefix v6 = IpPrefix.parse("2001:db8::/32");
        assertThat(v6.contains(IpAddress.parse("2001:db8:ffff::1"))).isTrue();
        assertThat(v6.contains(IpAddress.parse("2001:db9::"))).isFalse();
        assertThat(IpPrefix.parse("::/0").contains(IpAddress.parse("2001:db8::1"))).isTrue();
    }

    @Test
    void containingBuildsTheEnclosingPrefix() {
        assertThat(IpPrefix.containing(IpAddress.parse("203.0.113.77"), 28)).hasToString("203.0.113.64/28");
        assertThat(IpPrefix.containing(IpAddress.parse("2001:db8:1:2:3::"), 48)).hasToString("2001:db8:1::/48");
    }

    @Test
    void ordersByNetworkThenLength() {
        assertThat(IpPrefix.parse("198.51.100.0/24")).isLessThan(IpPrefix.parse("198.51.100.0/25"));
        assertThat(IpPrefix.parse("198.51.100.128/25")).isGreaterThan(IpPrefix.parse("198.51.100.0/24"));
        assertThat(IpPrefix.parse("203.0.113.0/24")).isLessThan(IpPrefix.parse("2001:db8::/32"));
        assertThat(IpPrefix.parse("198.51.100.0/24").family()).isEqualTo(IpFamily.IPV4);
    }
}
