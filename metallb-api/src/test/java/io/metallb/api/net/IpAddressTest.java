package io.metallb.api.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.math.BigInteger;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            198.51.100.7                            | 198.51.100.7
            0.0.0.0                                 | 0.0.0.0
            255.255.255.255                         | 255.255.255.255
            203.0.113.0                             | 203.0.113.0
            ::                                      | ::
            ::1                                     | ::1
            1::                                     | 1::
            2001:db8::                              | 2001:db8::
            2001:DB8::ABCD                          | 2001:db8::abcd
            2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1
            2001:db8:1:2:3:4:5:6                    | 2001:db8:1:2:3:4:5:6
            2001:db8:0:1:0:0:0:1                    | 2001:db8:0:1::1
            2001:db8:0:0:1:0:0:1                    | 2001:db8::1:0:0:1
            2001:0:0:1:0:0:0:1                      | 2001:0:0:1::1
            2001:db8:0:1:1:1:1:1                    | 2001:db8:0:1:1:1:1:1
            0:0:0:0:0:0:0:0                         | ::
            0:1:0:0:0:0:0:0                         | 0:1::
            2001:db8::0:1                           | 2001:db8::1
            ::ffff:198.51.100.1                     | ::ffff:198.51.100.1
            ::ffff:c633:6401                        | ::ffff:198.51.100.1
            ::198.51.100.1                          | ::c633:6401
            2001:db8::198.51.100.1                  | 2001:db8::c633:6401
            2001:db8:1:2:3:4:198.51.100.1           | 2001:db8:1:2:3:4:c633:6401
            """)
    void parsesAndFormatsCanonically(String text, String canonical) {
        IpAddress a = IpAddress.parse(text);
        assertThat(a).hasToString(canonical);
        assertThat(IpAddress.parse(canonical)).isEqualTo(a);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "", " ", "198.51.100", "198.51.100.7.1", "198.51.100.256", "198.51.100.07", "198.51.100.00",
        "198.51.100.-1", "198.51.100.", ".198.51.100.7", "198..51.100", "198.51.100.7 ", " 198.51.100.7",
        "198.51.100.1000", "0x7f.0.0.1", "198.51.100.7/24", "localhost", "198.51.100.7a",
        ":", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "2001:db8::1::1", "2001:db8:", "2001:db8::1:",
        ":2001:db8::1", "2001:db8:::1", "2001:db8::12345", "2001:db8::g", "fe80::1%eth0", "1:2:3:4:5:6:7::8",
        "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:198.51.100.1", "::ffff:198.51.100",
        "::ffff:198.51.100.07", "::198.51.100.1:1", "\uff12001:db8::1", "2001:db8::\uff21", "[2001:db8::1]"})
    void refusesWhatIsNotAStrictLiteral(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> IpAddress.parse(text)).withMessageContaining(text);
    }

    @Test
    void refusesNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> IpAddress.parse(null));
    }

    @Test
    void ipv4MappedStaysIpv6() {
        IpAddress mapped = IpAddress.parse("::ffff:198.51.100.1");
        assertThat(mapped.family()).isEqualTo(IpFamily.IPV6);
        assertThat(mapped).isNotEqualTo(IpAddress.parse("198.51.100.1"));
        assertThat(mapped.low()).isEqualTo(0xFFFF_C633_6401L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:db8::1", "2001:db8:0:1::", "::", "::1", "2001:db8:a:b:c:d:e:f",
        "2001:db8::c633:6401", "fe80::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8:0:0:1::"})
    void agreesNumericallyWithInetAddress(String text) throws Exception {
        // InetAddress does not compress per RFC 5952, so only the bytes are compared.
        IpAddress a = IpAddress.parse(text);
        assertThat(a.toBytes()).isEqualTo(InetAddress.getByName(text).getAddress());
        assertThat(InetAddress.getByAddress(a.toBytes())).isEqualTo(InetAddress.getByName(a.toString()));
    }

    @Test
    void bytesRoundTrip() {
        IpAddress v4 = IpAddress.parse("203.0.113.254");
        assertThat(v4.toBytes()).containsExactly(203, 0, 113, 254 - 256);
        assertThat(IpAddress.ofBytes(v4.toBytes())).isEqualTo(v4);
        IpAddress v6 = IpAddress.parse("2001:db8:1:2:3:4:5:ff06");
        byte[] b = v6.toBytes();
        assertThat(b).hasSize(16);
        assertThat(b[0]).isEqualTo((byte) 0x20);
        assertThat(b[14]).isEqualTo((byte) 0xff);
        assertThat(IpAddress.ofBytes(b)).isEqualTo(v6);
        assertThatIllegalArgumentException().isThrownBy(() -> IpAddress.ofBytes(new byte[5]))
                .withMessage("address length: 5 (expected: 4 or 16)");
    }

    @Test
    void constructorKeepsIpv4Within32Bits() {
        assertThat(IpAddress.ofV4(-1)).hasToString("255.255.255.255");
        assertThatIllegalArgumentException().isThrownBy(() -> new IpAddress(IpFamily.IPV4, 0, 1L << 32));
        assertThatIllegalArgumentException().isThrownBy(() -> new IpAddress(IpFamily.IPV4, 1, 0));
    }

    @Test
    void nextAndPreviousCarryAcrossOctetsAndHalves() {
        assertThat(IpAddress.parse("198.51.100.255").next()).hasToString("198.51.101.0");
        assertThat(IpAddress.parse("198.51.101.0").previous()).hasToString("198.51.100.255");
        assertThat(IpAddress.parse("2001:db8::ffff").next()).hasToString("2001:db8::1:0");
        IpAddress topOfLowHalf = IpAddress.parse("2001:db8:0:1:ffff:ffff:ffff:ffff");
        assertThat(topOfLowHalf.next()).hasToString("2001:db8:0:2::");
        assertThat(topOfLowHalf.next().previous()).isEqualTo(topOfLowHalf);
        assertThat(IpAddress.parse("::").next()).hasToString("::1");
    }

    @Test
    void nextAndPreviousStopAtTheEndsOfTheFamily() {
        assertThatIllegalStateException().isThrownBy(() -> IpAddress.parse("255.255.255.255").next())
                .withMessageContaining("255.255.255.255");
        assertThatIllegalStateException().isThrownBy(() -> IpAddress.parse("0.0.0.0").previous());
        assertThatIllegalStateException().isThrownBy(() -> IpAddress.ofV6(-1L, -1L).next());
        assertThatIllegalStateException().isThrownBy(() -> IpAddress.parse("::").previous());
        assertThat(IpAddress.parse("255.255.255.255").isMax()).isTrue();
        assertThat(IpAddress.parse("255.255.255.254").isMax()).isFalse();
        assertThat(IpAddress.ofV6(0, 0xFFFF_FFFFL).isMax()).isFalse();
    }

    @Test
    void ordersIpv4BeforeIpv6ThenNumerically() {
        IpAddress v4High = IpAddress.parse("255.255.255.255");
        IpAddress v6Low = IpAddress.parse("::");
        assertThat(v4High).isLessThan(v6Low);
        assertThat(IpAddress.parse("198.51.100.9")).isLessThan(IpAddress.parse("198.51.100.10"));
        // Unsigned comparison: the top half with its high bit set is the larger one.
        assertThat(IpAddress.parse("7fff::")).isLessThan(IpAddress.parse("8000::"));
        assertThat(IpAddress.parse("2001:db8::7fff:ffff:ffff:ffff")).isLessThan(IpAddress.parse("2001:db8::8000:0:0:0"));
        assertThat(IpAddress.parse("2001:db8::1")).isEqualByComparingTo(IpAddress.parse("2001:db8:0::1"));
    }

    @Test
    void saturatedCountToCountsInclusivelyAndSaturates() {
        IpAddress a = IpAddress.parse("198.51.100.0");
        assertThat(a.saturatedCountTo(a)).isEqualTo(1);
        assertThat(a.saturatedCountTo(IpAddress.parse("198.51.100.255"))).isEqualTo(256);
        assertThat(IpAddress.parse("0.0.0.0").saturatedCountTo(IpAddress.parse("255.255.255.255")))
                .isEqualTo(1L << 32);
        IpAddress p = IpAddress.parse("2001:db8::");
        assertThat(p.saturatedCountTo(IpAddress.parse("2001:db8::ffff"))).isEqualTo(65536);
        // Borrow across the halves: 2001:db8:0:0:ffff:ffff:ffff:ffff .. 2001:db8:0:1:: is two addresses.
        assertThat(IpAddress.parse("2001:db8::ffff:ffff:ffff:ffff").saturatedCountTo(IpAddress.parse("2001:db8:0:1::")))
                .isEqualTo(2);
        assertThat(p.saturatedCountTo(IpAddress.parse("2001:db8::7fff:ffff:ffff:fffe"))).isEqualTo(Long.MAX_VALUE);
        assertThat(p.saturatedCountTo(IpAddress.parse("2001:db8::7fff:ffff:ffff:fffd")))
                .isEqualTo(Long.MAX_VALUE - 1);
        assertThat(p.saturatedCountTo(IpAddress.parse("2001:db8::ffff:ffff:ffff:ffff"))).isEqualTo(Long.MAX_VALUE);
        assertThat(p.saturatedCountTo(IpAddress.parse("2001:db8:0:1::"))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void saturatedCountToRefusesMixedFamiliesAndReversedEnds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IpAddress.parse("198.51.100.1").saturatedCountTo(IpAddress.parse("2001:db8::1")))
                .withMessageContaining("mixed families");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IpAddress.parse("198.51.100.2").saturatedCountTo(IpAddress.parse("198.51.100.1")))
                .withMessageContaining("end is before start");
    }

    @Test
    void bigIntegerRoundTripAndBounds() {
        IpAddress a = IpAddress.parse("ffff:db8::1");
        assertThat(a.toBigInteger().signum()).isPositive();
        assertThat(IpAddress.ofBigInteger(IpFamily.IPV6, a.toBigInteger())).isEqualTo(a);
        assertThat(IpAddress.ofBigInteger(IpFamily.IPV4, BigInteger.valueOf(0xC6336401L))).hasToString("198.51.100.1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IpAddress.ofBigInteger(IpFamily.IPV4, BigInteger.ONE.shiftLeft(32)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IpAddress.ofBigInteger(IpFamily.IPV6, BigInteger.ONE.shiftLeft(128)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IpAddress.ofBigInteger(IpFamily.IPV6, BigInteger.ONE.negate()));
    }

    @Test
    void familyKubernetesNames() {
        assertThat(IpFamily.fromKubernetesName("IPv4")).isEqualTo(IpFamily.IPV4);
        assertThat(IpFamily.IPV6.kubernetesName()).isEqualTo("IPv6");
        assertThatIllegalArgumentException().isThrownBy(() -> IpFamily.fromKubernetesName("ipv4"))
                .withMessage("ip family: \"ipv4\" (expected: IPv4 or IPv6)");
    }
}
