package io.metallb.api.config;

import io.metallb.api.net.IpFamily;
import java.util.Collections;
import java.util.List;

/**
 * MetalLB's {@code BGPAdvertisementsHaveCompatibleLocalPref}: two advertisements of one pool may give it
 * different LOCAL_PREF values only when they cannot produce the same route to the same peer from the same node,
 * that is when their aggregation lengths differ, or their peer lists are disjoint, or their nodes are.
 *
 * <p>MetalLB compares node <em>sets</em> resolved against the live Node list; without nodes, this parser treats
 * two node selector lists as possibly disjoint when both are non-empty and share no selector, and leaves the
 * final word to the speaker's own check at announce time.
 */
final class LocalPrefChecks {
    private LocalPrefChecks() {
    }

    static void check(ParsedObjects p) {
        for (Sourced<IpAddressPool> pool : p.pools) {
            List<Sourced<BgpAdvertisement>> ads = p.bgpAdvertisements.stream()
                    .filter(a -> CrossObjectChecks.selects(a.value(), pool.value())).toList();
            for (int j = 1; j < ads.size(); j++) {
                for (int i = 0; i < j; i++) {
                    BgpAdvertisement earlier = ads.get(i).value();
                    BgpAdvertisement later = ads.get(j).value();
                    // MetalLB skips advertisements with service selectors here; the speaker checks them per
                    // service at announce time (conflictingAdvertisements).
                    if (later.serviceSelectors().isEmpty() && earlier.serviceSelectors().isEmpty()
                            && !compatible(later, earlier, pool.value())) {
                        ads.get(j).origin().fields().get("localPref").error("localPref " + localPref(later)
                                + " conflicts with localPref " + localPref(earlier) + " of \"" + earlier.name()
                                + "\" for pool \"" + pool.value().name() + "\" (expected: the same value, or"
                                + " different aggregation lengths, peers or nodes)");
                    }
                }
            }
        }
    }

    private static long localPref(BgpAdvertisement ad) {
        return ad.localPref().orElse(0); // MetalLB's zero value: unset and 0 are the same
    }

    static boolean compatible(BgpAdvertisement a, BgpAdvertisement b, IpAddressPool pool) {
        return localPref(a) == localPref(b)
                || aggregationDiffers(a, b, pool)
                || (!a.peers().isEmpty() && !b.peers().isEmpty() && Collections.disjoint(a.peers(), b.peers()))
                || (!a.nodeSelectors().isEmpty() && !b.nodeSelectors().isEmpty()
                        && Collections.disjoint(a.nodeSelectors(), b.nodeSelectors()));
    }

    /**
     * The speaker's per-service check ({@code checkBGPAdvConflicts}): both advertisements already apply to this
     * node, so only equal values, different aggregation lengths or disjoint peer lists keep them apart.
     */
    static boolean compatibleOnOneNode(BgpAdvertisement a, BgpAdvertisement b, IpAddressPool pool) {
        return localPref(a) == localPref(b)
                || aggregationDiffers(a, b, pool)
                || (!a.peers().isEmpty() && !b.peers().isEmpty() && Collections.disjoint(a.peers(), b.peers()));
    }

    /** With both families, both lengths must differ; a pool without addresses never conflicts. */
    private static boolean aggregationDiffers(BgpAdvertisement a, BgpAdvertisement b, IpAddressPool pool) {
        boolean v4 = pool.hasFamily(IpFamily.IPV4);
        boolean v6 = pool.hasFamily(IpFamily.IPV6);
        boolean v4Differs = a.aggregationLength() != b.aggregationLength();
        boolean v6Differs = a.aggregationLengthV6() != b.aggregationLengthV6();
        if (v4 && v6) {
            return v4Differs && v6Differs;
        }
        return v4 ? v4Differs : !v6 || v6Differs;
    }
}
