package io.metallb.api.config;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the legacy MetalLB v0.12 ConfigMap {@code config} document and turns it into the CRD model:
 * <ul>
 *   <li>{@code bfd-profiles[i]} becomes a BFDProfile of the same name;</li>
 *   <li>{@code bgp-communities} becomes one Community named {@value #COMMUNITY_NAME} holding every alias;</li>
 *   <li>{@code peers[i]} becomes BGPPeer {@code peer-<i>} (v0.12 peers have no name);</li>
 *   <li>a {@code layer2} pool becomes an IPAddressPool and an L2Advertisement, both named after the pool;</li>
 *   <li>a {@code bgp} pool becomes an IPAddressPool and one BGPAdvertisement {@code <pool>-bgp-<j>} per
 *       {@code bgp-advertisements[j]}, or one default {@code <pool>-bgp-0} when there are none (v0.12 did
 *       the same). These names cannot collide: the pool names are unique and the suffix is numeric.</li>
 * </ul>
 * Errors have kind {@code ConfigMap}, the pool, profile or alias name as object (none for peers) and the legacy
 * path as field, e.g. {@code address-pools[0].addresses[1]}.
 */
final class LegacyReader {
    static final String KIND = "ConfigMap";
    static final String COMMUNITY_NAME = "bgp-communities";

    private LegacyReader() {
    }

    static void read(Object tree, Problems problems, ParsedObjects out) {
        Node root = new Node(problems, Dialect.LEGACY, KIND, "", "", tree);
        Fields top = root.fields();
        bfdProfiles(top.get("bfdProfiles"), out);
        communities(top.get("bgpCommunities"), out);
        List<Node> peers = top.get("peers").items();
        for (int i = 0; i < peers.size(); i++) {
            Node peer = peers.get(i);
            PeerReader.read("peer-" + i, ObjectsReader.DEFAULT_NAMESPACE, peer.fields(), peer, false)
                    .ifPresent(p -> out.peers.add(new Sourced<>(p, peer)));
        }
        Set<String> poolNames = new HashSet<>();
        for (Node item : top.get("addressPools").items()) {
            pool(item, poolNames, out);
        }
        top.finish();
    }

    private static void bfdProfiles(Node node, ParsedObjects out) {
        Set<String> names = new HashSet<>();
        for (Node item : node.items()) {
            Fields f = item.fields();
            Optional<String> name = uniqueName(f.get("name"), names);
            if (name.isPresent()) {
                Node named = item.named(name.get());
                Fields spec = named.fields();
                spec.ignore("name");
                BfdProfileReader.read(name.get(), spec, named).ifPresent(out.bfdProfiles::add);
            }
        }
    }

    /** v0.12 aliases are standard communities only ({@code ParseCommunity} reads two 16-bit halves). */
    private static void communities(Node node, ParsedObjects out) {
        Fields f = node.fields();
        Map<String, BgpCommunity> aliases = new LinkedHashMap<>();
        for (String alias : f.keys()) {
            Node value = f.literal(alias).named(alias);
            if (value.require("a community a:b")) {
                CommunityReader.literal(value).ifPresent(c -> {
                    if (c instanceof BgpCommunity.Large) {
                        value.error("\"" + c + "\" is a large community (expected: a:b, 16-bit numbers)");
                    } else {
                        aliases.put(alias, c);
                    }
                });
            }
        }
        if (!aliases.isEmpty()) {
            out.communities.add(new Community(COMMUNITY_NAME, aliases));
            out.aliases.putAll(aliases);
        }
    }

    private static void pool(Node item, Set<String> poolNames, ParsedObjects out) {
        Optional<String> name = uniqueName(item.fields().get("name"), poolNames);
        if (name.isEmpty()) {
            return;
        }
        Node pool = item.named(name.get());
        Fields f = pool.fields();
        f.ignore("name");
        Node protocolNode = f.get("protocol");
        Optional<String> protocol = protocolNode.require("layer2 or bgp") ? protocolNode.text() : Optional.empty();
        if (protocol.isPresent() && !protocol.get().equals("layer2") && !protocol.get().equals("bgp")) {
            protocolNode.error("\"" + protocol.get() + "\" (expected: layer2 or bgp)");
        }
        Node adsNode = f.get("bgpAdvertisements");
        if (protocol.filter("layer2"::equals).isPresent() && adsNode.present()) {
            adsNode.error("set on a layer2 pool (expected: only with protocol bgp)");
        }
        int before = pool.errorCount();
        Optional<IpAddressPool> parsed = PoolReader.read(name.get(), Map.of(), f, pool, false);
        if (parsed.isEmpty() || pool.errorCount() != before || protocol.isEmpty()) {
            return;
        }
        out.pools.add(new Sourced<>(parsed.get(), pool));
        if (protocol.get().equals("layer2")) {
            out.l2Advertisements.add(new Sourced<>(new L2Advertisement(name.get(), List.of(name.get()), List.of(),
                    List.of(), List.of()), pool));
        } else if (protocol.get().equals("bgp")) {
            bgpAdvertisements(name.get(), adsNode, pool, out);
        }
    }

    private static void bgpAdvertisements(String pool, Node adsNode, Node poolNode, ParsedObjects out) {
        List<Node> ads = adsNode.items();
        if (ads.isEmpty()) {
            out.bgpAdvertisements.add(new Sourced<>(new BgpAdvertisement(pool + "-bgp-0", 32, 128,
                    OptionalLong.empty(), List.of(), List.of(pool), List.of(), List.of(), List.of()), poolNode));
        }
        for (int j = 0; j < ads.size(); j++) {
            Node ad = ads.get(j);
            AdvertisementReader.readBgp(pool + "-bgp-" + j, ad.fields(), ad, out.aliases, Optional.of(pool))
                    .ifPresent(a -> out.bgpAdvertisements.add(new Sourced<>(a, ad)));
        }
    }

    private static Optional<String> uniqueName(Node nameNode, Set<String> seen) {
        Optional<String> name = nameNode.require("a name") ? nameNode.text() : Optional.empty();
        if (name.isPresent() && name.get().isEmpty()) {
            nameNode.error("\"\" (expected: a non-empty name)");
            return Optional.empty();
        }
        if (name.isPresent() && !seen.add(name.get())) {
            nameNode.error("\"" + name.get() + "\" is defined twice (expected: unique names)");
            return Optional.empty();
        }
        return name;
    }
}
