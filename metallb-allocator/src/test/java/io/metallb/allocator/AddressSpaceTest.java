package io.metallb.allocator;

import static io.metallb.allocator.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpRange;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The chunked address space at its edges: unaligned ranges, the top of the family, far-apart addresses. */
class AddressSpaceTest {

    private static final Lease HOLDER = Lease.of(Fixtures.req("ns/holder").build(), "p", List.of(ip("198.51.100.1")));

    private static AddressSpace space(boolean avoidBuggy, String... ranges) {
        return new AddressSpace(ip(ranges[0].split("[-/]")[0]).family(),
                java.util.Arrays.stream(ranges).map(IpRange::parse).toList(), avoidBuggy);
    }

    @Test
    void unalignedRangeOpensOnlyItsOwnAddresses() {
        AddressSpace s = space(false, "198.51.100.250-198.51.101.3");
        assertThat(s.total()).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            take(s, s.lowestFree().orElseThrow(), HOLDER);
        }
        assertThat(s.lowestFree()).isEmpty();
        assertThat(s.inUse()).isEqualTo(10);
        assertThat(s.contains(ip("198.51.100.249"))).isFalse();
        assertThat(s.contains(ip("198.51.101.4"))).isFalse();
    }

    @Test
    void topOfTheIpv4SpaceIsUsable() {
        AddressSpace s = space(false, "255.255.255.254/31");
        take(s, ip("255.255.255.255"), HOLDER);
        assertThat(s.lowestFree()).contains(ip("255.255.255.254"));
        take(s, ip("255.255.255.254"), HOLDER);
        assertThat(s.lowestFree()).isEmpty();
        s.setHolders(ip("255.255.255.255"), List.of());
        assertThat(s.lowestFree()).contains(ip("255.255.255.255"));
    }

    @Test
    void farAddressInA64DoesNotHideTheLowestFree() {
        AddressSpace s = space(false, "2001:db8::/64");
        take(s, ip("2001:db8::ffff:ffff:ffff:ff00"), HOLDER);
        assertThat(s.lowestFree()).contains(ip("2001:db8::"));
        take(s, ip("2001:db8::"), HOLDER);
        assertThat(s.lowestFree()).contains(ip("2001:db8::1"));
        assertThat(s.total()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.inUse()).isEqualTo(2);
    }

    @Test
    void avoidedAddressesAreNeitherCountedNorGiven() {
        AddressSpace s = space(true, "198.51.100.0/23");
        assertThat(s.total()).isEqualTo(512 - 4);
        assertThat(s.lowestFree()).contains(ip("198.51.100.1"));
        assertThat(s.contains(ip("198.51.100.255"))).isFalse();
        assertThat(s.contains(ip("198.51.101.0"))).isFalse();
        assertThat(space(true, "2001:db8::/120").total()).isEqualTo(256);
    }

    @Test
    void holesAreFoundLowestFirst() {
        AddressSpace s = space(false, "198.51.100.0/24", "203.0.113.0/24");
        for (int i = 0; i < 300; i++) {
            take(s, s.lowestFree().orElseThrow(), HOLDER);
        }
        s.setHolders(ip("203.0.113.20"), List.of());
        s.setHolders(ip("198.51.100.200"), List.of());
        assertThat(s.lowestFree()).contains(ip("198.51.100.200"));
        assertThat(s.holders(ip("198.51.100.7"))).containsExactly(HOLDER);
        assertThat(s.holders(ip("198.51.100.200"))).isEmpty();
        assertThat(s.family()).isEqualTo(IpFamily.IPV4);
    }

    /** Takes a free address the way Holdings does. */
    private static void take(AddressSpace s, io.metallb.api.net.IpAddress ip, Lease l) {
        assertThat(s.holders(ip)).as("%s free before taking", ip).isEmpty();
        s.setHolders(ip, List.of(l));
        assertThat(Optional.of(s.holders(ip))).contains(List.of(l));
    }
}
