package io.metallb.api.config;

import java.util.List;
import java.util.Map;

/**
 * Builds a validated {@link Config} from YAML-shaped trees (maps, lists, strings, numbers and booleans, as
 * snakeyaml or Jackson produce them), in either of MetalLB's formats, and renders a config back to CRD trees.
 *
 * <p>Every rule is checked and every failure reported, each as a {@link ConfigError} naming kind, object and
 * field. No input makes these methods throw: a tree of the wrong shape is an error like any other. The rules,
 * with MetalLB's function ({@code internal/config}) each mirrors:
 * <ul>
 *   <li>names: present, unique per kind ({@code duplicate definition of pool}, {@code found duplicate bfd
 *       profile name}); objects are read in name order, so the later of two conflicting objects is named;</li>
 *   <li>pools ({@code addressPoolFromCR}, {@code ParseCIDR}): at least one address; each a CIDR (host bits
 *       masked) or a {@code start-end} range with start ≤ end; no entry overlapping an earlier one of any pool
 *       ({@code cidrsOverlap}, which also catches duplicates); serviceAllocation priority ≥ 0, namespaces and
 *       selectors without duplicates;</li>
 *   <li>peers ({@code peerFromCR}, {@code parseTimers}): myASN 1..2³²-1; exactly one of peerASN (0 meaning unset)
 *       and dynamicASN ∈ {internal, external}; no ebgpMultiHop when peerASN = myASN; peerAddress, sourceAddress
 *       and routerID are addresses, routerID IPv4 (MetalLB accepts IPv6, but a BGP identifier is 32 bits);
 *       peerPort 1..65535 (default 179; the CRD caps it at 16384); Go durations; hold 90 s and keepalive
 *       hold/3 by default, hold 3 × keepalive when only keepalive is set; hold 0 or ≥ 3 s; keepalive ≤ hold;
 *       connectTime whole seconds in 1..65535 (CRD CEL rule); not both password and passwordSecret; bfdProfile
 *       names a BFDProfile;</li>
 *   <li>BFD profiles ({@code bfdProfileFromCR}): receive/transmit/echo intervals 10..60000 ms, detectMultiplier
 *       2..255, minimumTtl 1..254; echo mode refused on peers that carry an IPv6 pool
 *       ({@code validateConfig});</li>
 *   <li>communities ({@code community.New}, {@code getCommunityValue}): {@code a:b} with 16-bit parts,
 *       {@code large:a:b:c} with 32-bit parts, or an alias of a Community object; aliases unique across
 *       objects; no string twice in one advertisement;</li>
 *   <li>BGP advertisements ({@code bgpAdvertisementFromCR}, {@code validateBGPAdvPerPool}): aggregationLength
 *       1..32 (default 32), aggregationLengthV6 0..128 (default 128), not shorter than the shortest prefix of
 *       any entry of a pool they cover (ranges are split into CIDRs first); localPref 0..2³²-1; two
 *       advertisements of one pool with different localPref need different aggregation lengths, disjoint
 *       peers or disjoint nodes ({@code BGPAdvertisementsHaveCompatibleLocalPref}, see {@link LocalPrefChecks});
 *       no duplicate pools, peers or selectors;</li>
 *   <li>L2 advertisements: no duplicate pools, selectors or interfaces, no blank interface;</li>
 *   <li>advertisement pool or peer names that match nothing are ignored, as MetalLB does, with a warning;</li>
 *   <li>label selectors (apimachinery): In/NotIn need values, Exists/DoesNotExist take none, keys and values
 *       in label syntax, no duplicate expression or value ({@code validateLabelSelectorDuplicate}).</li>
 * </ul>
 * Unknown fields of CRD objects are warnings (the API server prunes them); in the legacy format they are errors
 * (v0.12 parsed with {@code yaml.UnmarshalStrict}).
 */
public final class ConfigParser {
    private ConfigParser() {
    }

    /**
     * Parses Kubernetes objects ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}). Objects outside
     * the {@code metallb.io} group are skipped, so a whole multi-document file may be passed; null items (empty
     * YAML documents) are skipped too. A {@code metallb.io} object of an unknown kind or version is an error.
     */
    public static ConfigResult parseObjects(List<? extends Map<String, ?>> objects) {
        return guarded(() -> {
            Problems problems = new Problems();
            ParsedObjects parsed = new ParsedObjects();
            if (objects == null) {
                problems.error(new ConfigError("Object", "", "", "missing (expected: a list of objects)"));
            } else {
                ObjectsReader.read(objects, problems, parsed);
                CrossObjectChecks.check(parsed);
            }
            return problems.result(parsed::toConfig);
        });
    }

    /**
     * Parses the content of the legacy (MetalLB v0.12) ConfigMap's {@code config} key, already read as YAML:
     * {@code peers}, {@code bgp-communities}, {@code address-pools}, {@code bfd-profiles}. See {@link LegacyReader}
     * for how each part becomes CRD objects and how the new objects are named.
     */
    public static ConfigResult parseLegacy(Map<String, ?> configTree) {
        return guarded(() -> {
            Problems problems = new Problems();
            ParsedObjects parsed = new ParsedObjects();
            LegacyReader.read(configTree == null ? Map.of() : configTree, problems, parsed);
            CrossObjectChecks.check(parsed);
            return problems.result(parsed::toConfig);
        });
    }

    /**
     * Renders {@code config} as CRD objects in namespace {@code metallb-system} (BGPPeer as
     * {@code metallb.io/v1beta2}, the others as {@code v1beta1}), with every default written out; parsing the
     * result with {@link #parseObjects} gives an equal config.
     */
    public static List<Map<String, Object>> toObjects(Config config) {
        return ConfigRenderer.render(config);
    }

    /**
     * The last line of the "never throws" promise: a reader defect becomes an error that says so, rather than an
     * exception from a config file. Tests assert it never happens.
     */
    private static ConfigResult guarded(java.util.function.Supplier<ConfigResult> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return new ConfigResult.Invalid(List.of(new ConfigError("Config", "", "",
                    "internal error: " + e)));
        }
    }
}
