package io.metallb.bgp.speaker;

import io.metallb.api.config.BgpAdvertisement;
import io.metallb.api.config.BgpCommunity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the advertisements ask of one prefix: LOCAL_PREF (iBGP only) and communities. The session adds ORIGIN,
 * AS_PATH and NEXT_HOP. Lists are sorted and without repeats, so equal requests compare equal and pack together.
 */
record RouteAttributes(OptionalLong localPref, List<BgpCommunity.Standard> communities,
        List<BgpCommunity.Large> largeCommunities) {

    static final RouteAttributes NONE = new RouteAttributes(OptionalLong.empty(), List.of(), List.of());

    RouteAttributes {
        Objects.requireNonNull(localPref, "localPref");
        communities = communities.stream().distinct()
                .sorted(Comparator.comparingLong((BgpCommunity.Standard c) -> c.toInt() & 0xFFFF_FFFFL)).toList();
        largeCommunities = largeCommunities.stream().distinct().sorted(Comparator
                .comparingLong(BgpCommunity.Large::globalAdministrator)
                .thenComparingLong(BgpCommunity.Large::localData1)
                .thenComparingLong(BgpCommunity.Large::localData2)).toList();
    }

    static RouteAttributes of(BgpAdvertisement advertisement) {
        List<BgpCommunity.Standard> standard = new ArrayList<>();
        List<BgpCommunity.Large> large = new ArrayList<>();
        for (BgpCommunity c : advertisement.communities()) {
            if (c instanceof BgpCommunity.Standard s) {
                standard.add(s);
            } else {
                large.add((BgpCommunity.Large) c);
            }
        }
        return new RouteAttributes(advertisement.localPref(), standard, large);
    }

    /** Two advertisements of one prefix: communities united, the higher LOCAL_PREF. */
    RouteAttributes merge(RouteAttributes other) {
        OptionalLong pref = localPref.isEmpty() ? other.localPref : other.localPref.isEmpty() ? localPref
                : OptionalLong.of(Math.max(localPref.getAsLong(), other.localPref.getAsLong()));
        List<BgpCommunity.Standard> c = new ArrayList<>(communities);
        c.addAll(other.communities);
        List<BgpCommunity.Large> l = new ArrayList<>(largeCommunities);
        l.addAll(other.largeCommunities);
        return new RouteAttributes(pref, c, l);
    }
}
