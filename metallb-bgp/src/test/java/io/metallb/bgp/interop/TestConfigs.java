package io.metallb.bgp.interop;

import io.metallb.api.config.BgpAdvertisement;
import io.metallb.api.config.BgpCommunity;
import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Announcement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/** Config and announcement builders for the interop tests. */
final class TestConfigs {
    private TestConfigs() {
    }

    static BgpPeer peer(String name, long myAsn, long peerAsn, String source, String address, int port,
            Duration hold, Optional<String> password) {
        return new BgpPeer(name, myAsn, OptionalLong.of(peerAsn), Optional.empty(), IpAddress.parse(address),
                Optional.of(IpAddress.parse(source)), port, hold, hold.dividedBy(3), Optional.of(Duration.ofSeconds(2)),
                Optional.of(IpAddress.parse("10.255.0." + (Math.abs(name.hashCode()) % 200 + 1))), List.of(),
                password, Optional.empty(), Optional.empty(), false, false, Optional.empty());
    }

    /** {@link #peer} with graceful restart enabled (RFC 4724 capability in our OPEN). */
    static BgpPeer withGracefulRestart(BgpPeer p) {
        return new BgpPeer(p.name(), p.myAsn(), p.peerAsn(), p.dynamicAsn(), p.peerAddress(), p.sourceAddress(),
                p.peerPort(), p.holdTime(), p.keepaliveTime(), p.connectTime(), p.routerId(), p.nodeSelectors(),
                p.password(), p.passwordSecret(), p.bfdProfile(), true, p.ebgpMultiHop(), p.vrf());
    }

    /** {@code p} with eBGP multihop on (TTL 255 instead of 1). */
    static BgpPeer withMultiHop(BgpPeer p) {
        return new BgpPeer(p.name(), p.myAsn(), p.peerAsn(), p.dynamicAsn(), p.peerAddress(), p.sourceAddress(),
                p.peerPort(), p.holdTime(), p.keepaliveTime(), p.connectTime(), p.routerId(), p.nodeSelectors(),
                p.password(), p.passwordSecret(), p.bfdProfile(), p.enableGracefulRestart(), true, p.vrf());
    }

    static BgpAdvertisement advertisement(String name, OptionalLong localPref, List<String> peers,
            String... communities) {
        return new BgpAdvertisement(name, 32, 128, localPref,
                Arrays.stream(communities).map(BgpCommunity::parse).toList(), List.of(), List.of(), List.of(), peers);
    }

    static Config config(List<BgpPeer> peers, List<BgpAdvertisement> advertisements) {
        return Config.of(List.of(), List.of(), advertisements, peers, List.of(), List.of());
    }

    static Set<Announcement> announce(String advertisement, String... addresses) {
        return Arrays.stream(addresses).map(a -> new Announcement(new ServiceKey("default", "svc-" + a),
                IpAddress.parse(a), "pool", List.of(advertisement))).collect(Collectors.toSet());
    }
}
