package io.metallb.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextHopsTest {
    static final IpAddress ROUTER_ID = IpAddress.parse("10.255.0.1");

    static List<IpAddress> addresses(String... a) {
        return java.util.Arrays.stream(a).map(IpAddress::parse).toList();
    }

    @Test
    void ipv6SessionUsesItsLocalEndAndAnIpv4OfTheInterface() {
        NextHops h = NextHops.choose(IpAddress.parse("2001:db8::1"),
                addresses("fe80::1", "2001:db8::1", "198.51.100.1"), ROUTER_ID);
        assertThat(h.v6()).containsExactly(IpAddress.parse("2001:db8::1"));
        assertThat(h.v4()).isEqualTo(IpAddress.parse("198.51.100.1"));
    }

    @Test
    void ipv6SessionWithoutIpv4OnTheInterfaceFallsBackToTheRouterId() {
        NextHops h = NextHops.choose(IpAddress.parse("2001:db8::1"), addresses("::1", "127.0.0.1"), ROUTER_ID);
        assertThat(h.v4()).isEqualTo(ROUTER_ID);
    }

    @Test
    void ipv4SessionUsesAGlobalIpv6OfTheInterface() {
        NextHops h = NextHops.choose(IpAddress.parse("198.51.100.1"),
                addresses("fe80::5", "::ffff:198.51.100.1", "198.51.100.1", "2001:db8::9"), ROUTER_ID);
        assertThat(h.v4()).isEqualTo(IpAddress.parse("198.51.100.1"));
        assertThat(h.v6()).containsExactly(IpAddress.parse("2001:db8::9"));
    }

    @Test
    void ipv4SessionWithoutGlobalIpv6FallsBackToTheMappedAddress() {
        NextHops h = NextHops.choose(IpAddress.parse("127.0.2.1"), addresses("127.0.0.1", "::1", "fe80::1"),
                ROUTER_ID);
        assertThat(h.v6()).containsExactly(IpAddress.parse("::ffff:127.0.2.1"));
    }

    @Test
    void globalV6() {
        assertThat(NextHops.globalV6(IpAddress.parse("2001:db8::1"))).isTrue();
        assertThat(NextHops.globalV6(IpAddress.parse("fd00::1"))).isTrue();
        for (String s : List.of("::", "::1", "fe80::1", "febf::1", "ff02::1", "::ffff:1.2.3.4")) {
            assertThat(NextHops.globalV6(IpAddress.parse(s))).as(s).isFalse();
        }
    }
}
