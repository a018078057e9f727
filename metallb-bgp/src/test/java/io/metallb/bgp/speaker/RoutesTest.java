package io.metallb.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpAdvertisement;
import io.metallb.api.config.BgpCommunity;
import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpPrefix;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Announcement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutesTest {
    static BgpPeer peer(String name) {
        return new BgpPeer(name, 64512, OptionalLong.of(64513), Optional.empty(), IpAddress.parse("198.51.100.254"),
                Optional.empty(), 179, Duration.ofSeconds(90), Duration.ofSeconds(30), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), false, false,
                Optional.empty());
    }

    static BgpAdvertisement adv(String name, int length, int lengthV6, OptionalLong pref, List<String> peers,
            String... communities) {
        return new BgpAdvertisement(name, length, lengthV6, pref,
                java.util.Arrays.stream(communities).map(BgpCommunity::parse).toList(), List.of(), List.of(),
                List.of(), peers);
    }

    static Announcement announce(String address, String... advertisements) {
        return new Announcement(new ServiceKey("ns", "svc-" + address), IpAddress.parse(address), "pool",
                List.of(advertisements));
    }

    static Config config(BgpAdvertisement... advertisements) {
        return Config.of(List.of(), List.of(), List.of(advertisements), List.of(peer("a"), peer("b")), List.of(),
                List.of());
    }

    @Test
    void aggregationLengthAnnouncesTheCoveringPrefixOnce() {
        Config c = config(adv("agg", 24, 64, OptionalLong.empty(), List.of()));
        Map<IpPrefix, RouteAttributes> routes = Routes.forPeer(c, peer("a"), Set.of(
                announce("198.51.100.7", "agg"), announce("198.51.100.9", "agg"), announce("2001:db8::5", "agg")));
        assertThat(routes).containsOnlyKeys(IpPrefix.parse("198.51.100.0/24"), IpPrefix.parse("2001:db8::/64"));
    }

    @Test
    void peersFilterRestrictsWhoGetsThePrefix() {
        Config c = config(adv("only-b", 32, 128, OptionalLong.empty(), List.of("b")));
        Set<Announcement> wanted = Set.of(announce("203.0.113.1", "only-b"));
        assertThat(Routes.forPeer(c, peer("a"), wanted)).isEmpty();
        assertThat(Routes.forPeer(c, peer("b"), wanted)).containsOnlyKeys(IpPrefix.parse("203.0.113.1/32"));
    }

    @Test
    void twoAdvertisementsOfOnePrefixMerge() {
        Config c = config(adv("x", 32, 128, OptionalLong.of(100), List.of(), "64512:1"),
                adv("y", 32, 128, OptionalLong.of(200), List.of(), "64512:2", "large:1:2:3"));
        RouteAttributes a = Routes.forPeer(c, peer("a"), Set.of(announce("203.0.113.2", "x", "y")))
                .get(IpPrefix.parse("203.0.113.2/32"));
        assertThat(a.localPref()).hasValue(200);
        assertThat(a.communities()).containsExactly(new BgpCommunity.Standard(64512, 1),
                new BgpCommunity.Standard(64512, 2));
        assertThat(a.largeCommunities()).containsExactly(new BgpCommunity.Large(1, 2, 3));
    }

    @Test
    void unknownAdvertisementNamesAreIgnored() {
        assertThat(Routes.forPeer(config(), peer("a"), Set.of(announce("203.0.113.3", "missing")))).isEmpty();
    }
}
