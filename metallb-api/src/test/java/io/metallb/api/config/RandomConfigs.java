package io.metallb.api.config;

import io.metallb.api.config.BgpPeer.DynamicAsn;
import io.metallb.api.config.BgpPeer.SecretRef;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpPrefix;
import io.metallb.api.net.IpRange;
import io.metallb.api.selector.LabelRequirement;
import io.metallb.api.selector.LabelRequirement.Operator;
import io.metallb.api.selector.LabelSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Valid configs built from a seed, for properties. Validity is by construction: each pool owns distinct /28
 * slots of 198.51.100.0/24 and 203.0.113.0/24 and distinct /48s of 2001:db8::/32, so no overlap; aggregation
 * lengths are no shorter than the longest block of the pools covered; all advertisements share one localPref;
 * peers only use BFD profiles without echo mode.
 */
final class RandomConfigs {
    private final Random random;

    private RandomConfigs(long seed) {
        this.random = new Random(seed);
    }

    static Config fromSeed(long seed) {
        return new RandomConfigs(seed).config();
    }

    private Config config() {
        List<BfdProfile> bfd = new ArrayList<>();
        for (int i = 0; i < random.nextInt(3); i++) {
            bfd.add(new BfdProfile("bfd-" + i, between(10, 60_000), between(10, 60_000), between(2, 255),
                    between(10, 60_000), i == 1, random.nextBoolean(), between(1, 254)));
        }
        List<Community> communities = new ArrayList<>();
        for (int i = 0; i < random.nextInt(3); i++) {
            Map<String, BgpCommunity> aliases = new LinkedHashMap<>();
            for (int j = 0; j < 1 + random.nextInt(2); j++) {
                aliases.put("alias-" + i + "-" + j, community());
            }
            communities.add(new Community("community-" + i, aliases));
        }
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            slots.add(i);
        }
        java.util.Collections.shuffle(slots, random);
        List<IpAddressPool> pools = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            List<IpRange> ranges = new ArrayList<>();
            ranges.add(v4(slots.get(2 * i)));
            if (random.nextBoolean()) {
                ranges.add(IpRange.parse("2001:db8:" + Integer.toHexString(i) + "::/" + between(64, 120)));
            }
            if (random.nextBoolean()) {
                ranges.add(v4(slots.get(2 * i + 1)));
            }
            pools.add(new IpAddressPool("pool-" + i, labels(), ranges, random.nextBoolean(), random.nextBoolean(),
                    random.nextBoolean() ? Optional.empty() : Optional.of(allocation())));
        }
        List<String> poolNames = pools.stream().map(IpAddressPool::name).toList();
        List<BgpPeer> peers = new ArrayList<>();
        for (int i = 0; i < random.nextInt(4); i++) {
            peers.add(peer("peer-" + i, bfd));
        }
        List<String> peerNames = peers.stream().map(BgpPeer::name).toList();
        List<L2Advertisement> l2 = new ArrayList<>();
        for (int i = 0; i < random.nextInt(3); i++) {
            List<PreferredNodeSelector> preferred = new ArrayList<>();
            for (LabelSelector s : selectors()) {
                preferred.add(new PreferredNodeSelector(between(1, 100), s));
            }
            l2.add(new L2Advertisement("l2-" + i, subset(poolNames), selectors(), selectors(),
                    subset(List.of("eth0", "eth1", "bond0")), selectors(), preferred));
        }
        OptionalLong localPref = random.nextBoolean() ? OptionalLong.empty() : OptionalLong.of(between(0, 1000));
        List<BgpAdvertisement> bgp = new ArrayList<>();
        for (int i = 0; i < random.nextInt(4); i++) {
            List<BgpCommunity> values = new ArrayList<>();
            for (int j = 0; j < random.nextInt(3); j++) {
                BgpCommunity c = community();
                if (!values.contains(c)) {
                    values.add(c);
                }
            }
            List<String> names = subset(poolNames);
            List<LabelSelector> poolSelectors = selectors();
            List<IpAddressPool> covered = pools.stream()
                    .filter(p -> Config.selectsPool(names, poolSelectors, p)).toList();
            int v4 = between(shortestAllowed(covered, IpFamily.IPV4), 32);
            int v6 = between(shortestAllowed(covered, IpFamily.IPV6), 128);
            // MetalLB allows service selectors only with /32 and /128 announcements.
            List<LabelSelector> serviceSelectors = v4 == 32 && v6 == 128 ? selectors() : List.of();
            bgp.add(new BgpAdvertisement("bgp-" + i, v4, v6, localPref, values, names, poolSelectors,
                    selectors(), subset(peerNames), serviceSelectors));
        }
        return Config.of(pools, l2, bgp, peers, communities, bfd);
    }

    /** The shortest aggregation length MetalLB accepts for these pools: no entry's block may be longer. */
    private static int shortestAllowed(List<IpAddressPool> pools, IpFamily family) {
        return pools.stream().flatMap(p -> p.ranges(family).stream())
                .mapToInt(r -> r.toPrefixes().stream().mapToInt(IpPrefix::length).min().orElse(0))
                .max().orElse(family == IpFamily.IPV4 ? 1 : 0);
    }

    private BgpPeer peer(String name, List<BfdProfile> bfd) {
        long myAsn = between(64512, 65534);
        boolean dynamic = random.nextInt(4) == 0;
        OptionalLong peerAsn = dynamic ? OptionalLong.empty() : OptionalLong.of(between(64512, 65534));
        boolean internal = dynamic || peerAsn.getAsLong() == myAsn;
        long holdSeconds = random.nextInt(5) == 0 ? 0 : between(3, 300);
        Duration hold = Duration.ofSeconds(holdSeconds).plusMillis(random.nextBoolean() ? 0 : between(0, 999));
        Duration keepalive = Duration.ofMillis((long) (random.nextDouble() * hold.toMillis()));
        boolean usePassword = random.nextBoolean();
        List<String> bfdNames = bfd.stream().filter(b -> !b.echoMode()).map(BfdProfile::name).toList();
        return new BgpPeer(name, myAsn, peerAsn,
                dynamic ? Optional.of(random.nextBoolean() ? DynamicAsn.INTERNAL : DynamicAsn.EXTERNAL)
                        : Optional.empty(),
                IpAddress.parse("203.0.113." + between(1, 254)),
                random.nextBoolean() ? Optional.empty() : Optional.of(IpAddress.parse("2001:db8::" + between(1, 99))),
                between(1, 65_535), hold, keepalive,
                random.nextBoolean() ? Optional.empty() : Optional.of(Duration.ofSeconds(between(1, 65_535))),
                random.nextBoolean() ? Optional.empty() : Optional.of(IpAddress.parse("198.51.100." + between(0, 255))),
                selectors(),
                usePassword && random.nextBoolean() ? Optional.of("s3cret-" + between(0, 9)) : Optional.empty(),
                !usePassword && random.nextBoolean() ? Optional.of(new SecretRef("bgp-auth", "metallb-system"))
                        : Optional.empty(),
                bfdNames.isEmpty() || random.nextBoolean() ? Optional.empty()
                        : Optional.of(bfdNames.get(random.nextInt(bfdNames.size()))),
                random.nextBoolean(), !internal && random.nextBoolean(),
                random.nextBoolean() ? Optional.empty() : Optional.of("red"));
    }

    /** A CIDR (/28 to /32) or a range inside /28 slot {@code slot} of the two IPv4 documentation blocks. */
    private IpRange v4(int slot) {
        String base = (slot < 16 ? "198.51.100." : "203.0.113.");
        int start = (slot % 16) * 16;
        if (random.nextBoolean()) {
            return IpRange.parse(base + start + "/" + between(28, 32));
        }
        int first = start + random.nextInt(16);
        int last = first + random.nextInt(start + 16 - first);
        return IpRange.parse(base + first + "-" + base + last);
    }

    private ServiceAllocation allocation() {
        return new ServiceAllocation(random.nextBoolean() ? OptionalInt.empty() : OptionalInt.of(between(0, 100)),
                subset(List.of("default", "web", "db")), selectors(), selectors());
    }

    private BgpCommunity community() {
        return random.nextBoolean() ? new BgpCommunity.Standard(between(0, 65_535), between(0, 65_535))
                : new BgpCommunity.Large(between(64512, 65534), between(0, 1000), random.nextInt() & 0xFFFF_FFFFL);
    }

    private List<LabelSelector> selectors() {
        List<LabelSelector> all = List.of(LabelSelector.EVERYTHING, LabelSelector.ofLabels(labels()),
                new LabelSelector(Map.of("zone", "a"), List.of(new LabelRequirement("rack", Operator.IN,
                        List.of("r2", "r1")))),
                new LabelSelector(Map.of(), List.of(new LabelRequirement("edge", Operator.EXISTS, List.of()),
                        new LabelRequirement("example.com/tier", Operator.NOT_IN, List.of("db")),
                        new LabelRequirement("gpu", Operator.DOES_NOT_EXIST, List.of()))));
        return subset(all.stream().distinct().toList());
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : subset(List.of("zone", "app.kubernetes.io/name", "tier"))) {
            labels.put(key, random.nextBoolean() ? "" : "v" + random.nextInt(3));
        }
        return labels;
    }

    /** Distinct items of {@code from}, in a random order. */
    private <T> List<T> subset(List<T> from) {
        List<T> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return new ArrayList<>(copy.subList(0, random.nextInt(from.size() + 1)));
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }
}
