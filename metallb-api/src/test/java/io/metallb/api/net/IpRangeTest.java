package io.metallb.api.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpRangeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            198.51.100.0/24                  | 198.51.100.0  | 198.51.100.255 | 256
            198.51.100.10-198.51.100.20      | 198.51.100.10 | 198.51.100.20  | 11
            198.51.100.10 - 198.51.100.20    | 198.51.100.10 | 198.51.100.20  | 11
            '198.51.100.10 -198.51.100.20 '  | 198.51.100.10 | 198.51.100.20  | 11
            198.51.100.7-198.51.100.7        | 198.51.100.7  | 198.51.100.7   | 1
            2001:db8::1-2001:db8::ff         | 2001:db8::1   | 2001:db8::ff   | 255
            2001:db8::/64                    | 2001:db8::    | 2001:db8::ffff:ffff:ffff:ffff | 18446744073709551616
            """)
    void parsesCidrsAndDashRanges(String text, String first, String last, String size) {
        IpRange r = IpRange.parse(text);
        assertThat(r.first()).hasToString(first);
        assertThat(r.last()).hasToString(last);
        assertThat(r.size()).isEqualTo(new BigInteger(size));
    }

    @Test
    void commaListsAsCharmedMetallbWritesThem() {
        assertThat(IpRange.parseList("192.168.1.240/28, 10.0.0.0/28")).extracting(Object::toString)
                .containsExactly("192.168.1.240/28", "10.0.0.0/28");
        assertThat(IpRange.parseList("198.51.100.1-198.51.100.5,2001:db8::/126")).hasSize(2);
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parseList("198.51.100.0/28,,"))
                .withMessageContaining("has an empty item");
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parseList("198.51.100.0/28, 198.51.100.300/32"))
                .withMessageStartingWith("\"198.51.100.300/32\" is not a CIDR or a range");
    }

    @Test
    void sizeOfASlash64IsTwoToThe64AndSaturates() {
        IpRange r = IpRange.parse("2001:db8::/64");
        assertThat(r.size()).isEqualTo(BigInteger.ONE.shiftLeft(64));
        assertThat(r.saturatedSize()).isEqualTo(Long.MAX_VALUE);
        assertThat(IpRange.parse("::/0").size()).isEqualTo(BigInteger.ONE.shiftLeft(128));
        assertThat(IpRange.parse("0.0.0.0/0").saturatedSize()).isEqualTo(1L << 32);
    }

    @Test
    void refusesWithMetalLbStyleMessages() {
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("198.51.100.20-198.51.100.10"))
                .withMessage("invalid IP range \"198.51.100.20-198.51.100.10\": "
                        + "start IP \"198.51.100.20\" is after the end IP \"198.51.100.10\"");
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("198.51.100.x - 198.51.100.10"))
                .withMessage("invalid IP range \"198.51.100.x - 198.51.100.10\": invalid start IP \"198.51.100.x \"");
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("198.51.100.1-"))
                .withMessage("invalid IP range \"198.51.100.1-\": invalid end IP \"\"");
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("198.51.100.1-198.51.100.2-198.51.100.3"))
                .withMessageContaining("invalid end IP \"198.51.100.2-198.51.100.3\"");
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("198.51.100.0/33"))
                .withMessageStartingWith("\"198.51.100.0/33\" is not a CIDR or a range: ");
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("198.51.100.7"))
                .withMessageStartingWith("\"198.51.100.7\" is not a CIDR or a range: ");
    }

    @Test
    void cidrIsNotTrimmedAsInMetalLb() {
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse(" 198.51.100.0/24"));
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("198.51.100.0/24 "));
    }

    @Test
    void refusesMixedFamiliesClearly() {
        // MetalLB would silently keep no addresses for such an entry; refusing says what is wrong.
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("198.51.100.1-2001:db8::1"))
                .withMessage("invalid IP range \"198.51.100.1-2001:db8::1\": "
                        + "start IP \"198.51.100.1\" is IPv4 but end IP \"2001:db8::1\" is IPv6");
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("2001:db8::1-198.51.100.1"))
                .withMessageContaining("is IPv6 but end IP");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new IpRange(IpAddress.parse("198.51.100.1"), IpAddress.parse("2001:db8::1")))
                .withMessageContaining("mixes IPv4 and IPv6");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new IpRange(IpAddress.parse("198.51.100.2"), IpAddress.parse("198.51.100.1")))
                .withMessageContaining("start is after end");
    }

    @Test
    void toPrefixesIsTheMinimalCover() {
        assertThat(prefixes("198.51.100.0-198.51.100.255")).containsExactly("198.51.100.0/24");
        assertThat(prefixes("198.51.100.1-198.51.100.254")).containsExactly(
                "198.51.100.1/32", "198.51.100.2/31", "198.51.100.4/30", "198.51.100.8/29", "198.51.100.16/28",
                "198.51.100.32/27", "198.51.100.64/26", "198.51.100.128/26", "198.51.100.192/27",
                "198.51.100.224/28", "198.51.100.240/29", "198.51.100.248/30", "198.51.100.252/31",
                "198.51.100.254/32");
        assertThat(prefixes("198.51.100.10-198.51.100.20")).containsExactly(
                "198.51.100.10/31", "198.51.100.12/30", "198.51.100.16/30", "198.51.100.20/32");
        assertThat(prefixes("203.0.113.255-203.0.113.255")).containsExactly("203.0.113.255/32");
        assertThat(prefixes("0.0.0.0-255.255.255.255")).containsExactly("0.0.0.0/0");
        assertThat(prefixes("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).containsExactly("::/0");
        assertThat(prefixes("2001:db8::ffff:ffff:ffff:ffff-2001:db8:0:1::")).containsExactly(
                "2001:db8::ffff:ffff:ffff:ffff/128", "2001:db8:0:1::/128");
        assertThat(prefixes("2001:db8::-2001:db8:0:1:ffff:ffff:ffff:ffff")).containsExactly("2001:db8::/63");
    }

    @Test
    void isPrefixAndToString() {
        assertThat(IpRange.parse("198.51.100.0-198.51.100.127")).hasToString("198.51.100.0/25");
        assertThat(IpRange.parse("198.51.100.0-198.51.100.127").isPrefix()).isTrue();
        assertThat(IpRange.parse("198.51.100.10 - 198.51.100.20")).hasToString("198.51.100.10-198.51.100.20");
        assertThat(IpRange.parse("198.51.100.10-198.51.100.20").isPrefix()).isFalse();
        assertThat(IpRange.of(IpAddress.parse("2001:db8::7"))).hasToString("2001:db8::7/128");
        assertThat(IpRange.parse("2001:db8::1-2001:db8::2")).hasToString("2001:db8::1-2001:db8::2");
    }

    @Test
    void overlapsAndContains() {
        IpRange a = IpRange.parse("198.51.100.10-198.51.100.20");
        assertThat(a.overlaps(IpRange.parse("198.51.100.20-198.51.100.30"))).isTrue();
        assertThat(a.overlaps(IpRange.parse("198.51.100.0/24"))).isTrue();
        assertThat(a.overlaps(IpRange.parse("198.51.100.12-198.51.100.13"))).isTrue();
        assertThat(a.overlaps(IpRange.parse("198.51.100.0-198.51.100.9"))).isFalse();
        assertThat(a.overlaps(IpRange.parse("198.51.100.21-198.51.100.21"))).isFalse();
        assertThat(a.overlaps(IpRange.parse("::/0"))).isFalse();
        assertThat(a.contains(IpAddress.parse("198.51.100.10"))).isTrue();
        assertThat(a.contains(IpAddress.parse("198.51.100.20"))).isTrue();
        assertThat(a.contains(IpAddress.parse("198.51.100.21"))).isFalse();
        assertThat(a.contains(IpAddress.parse("::ffff:198.51.100.15"))).isFalse();
    }

    @Test
    void ordersByFirstThenLast() {
        List<IpRange> sorted = List.of(IpRange.parse("2001:db8::/64"), IpRange.parse("198.51.100.0/24"),
                IpRange.parse("198.51.100.0/25")).stream().sorted().toList();
        assertThat(sorted).extracting(IpRange::toString)
                .containsExactly("198.51.100.0/25", "198.51.100.0/24", "2001:db8::/64");
    }

    private static List<String> prefixes(String range) {
        return IpRange.parse(range).toPrefixes().stream().map(IpPrefix::toString).toList();
    }
}
