package io.metallb.distribution.demo;

import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The real {@code bgp} announcer (found through ServiceLoader) for simulated nodes that share one host: each node
 * is given its own loopback address (127.0.0.11, .12, ...), which its sessions leave from and which is its BGP
 * identifier unless the BGPPeer sets {@code routerID}, as each real node has its own address. Everything else
 * (sessions, UPDATEs, attributes, withdrawals) is metallb-bgp's own.
 */
final class NodeAddressedBgp implements AnnouncerProvider {

    private final AnnouncerProvider bgp;
    private final Map<String, IpAddress> nodeAddresses;

    NodeAddressedBgp(AnnouncerProvider bgp, Map<String, IpAddress> nodeAddresses) {
        this.bgp = bgp;
        this.nodeAddresses = Map.copyOf(nodeAddresses);
    }

    @Override
    public String protocol() {
        return bgp.protocol();
    }

    @Override
    public Announcer create(AnnouncerContext context) {
        IpAddress address = nodeAddresses.get(context.nodeName());
        if (address == null) {
            throw new IllegalArgumentException("node \"" + context.nodeName() + "\" has no demo address (expected "
                    + "one of " + new TreeMap<>(nodeAddresses).keySet() + ")");
        }
        Announcer real = bgp.create(context);
        return new Announcer() {
            @Override
            public void apply(Config config, Set<Announcement> desired) {
                real.apply(fromNode(config, address), desired);
            }

            @Override
            public Map<Announcement, AnnouncementStatus> status() {
                return real.status();
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    /** {@code config} with every BGPPeer's session leaving from {@code address}. */
    static Config fromNode(Config config, IpAddress address) {
        TreeMap<String, BgpPeer> peers = new TreeMap<>();
        for (BgpPeer p : config.bgpPeers().values()) {
            peers.put(p.name(), new BgpPeer(p.name(), p.myAsn(), p.peerAsn(), p.dynamicAsn(), p.peerAddress(),
                    Optional.of(address), p.peerPort(), p.holdTime(), p.keepaliveTime(), p.connectTime(),
                    p.routerId().or(() -> Optional.of(address)), p.nodeSelectors(), p.password(),
                    p.passwordSecret(), p.bfdProfile(), p.enableGracefulRestart(), p.ebgpMultiHop(), p.vrf()));
        }
        return new Config(config.pools(), config.l2Advertisements(), config.bgpAdvertisements(), peers,
                config.communities(), config.bfdProfiles());
    }
}
