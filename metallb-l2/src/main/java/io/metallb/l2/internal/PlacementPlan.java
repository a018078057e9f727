package io.metallb.l2.internal;

import io.metallb.api.config.Config;
import io.metallb.api.config.L2Advertisement;
import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where each desired address is answered, and the status each announcement reports: a pure function of the
 * configuration, the desired set and the eligible interfaces, then narrowed by the interfaces that failed to open.
 *
 * @param placed address → interfaces it is answered on (only addresses with at least one)
 * @param status per announcement: ANNOUNCED on its interfaces, or FAILED with the reason
 */
record PlacementPlan(Map<IpAddress, Set<String>> placed, Map<Announcement, AnnouncementStatus> status) {

    PlacementPlan {
        Map<IpAddress, Set<String>> copy = new TreeMap<>();
        placed.forEach((ip, ifaces) -> copy.put(ip, Set.copyOf(ifaces)));
        placed = Map.copyOf(copy);
        status = Map.copyOf(status);
    }

    /** Places every desired address on the eligible interfaces its advertisements allow. */
    static PlacementPlan of(Config config, Set<Announcement> desired, List<String> eligible) {
        Map<IpAddress, Set<String>> placed = new TreeMap<>();
        Map<Announcement, AnnouncementStatus> status = new HashMap<>();
        for (Announcement a : desired) {
            Set<String> ifaces = interfacesFor(config, a, eligible);
            if (ifaces.isEmpty()) {
                status.put(a, new AnnouncementStatus(AnnouncementStatus.State.FAILED,
                        "no eligible interface (eligible here: " + eligible + ")"));
                continue;
            }
            placed.computeIfAbsent(a.address(), k -> new TreeSet<>()).addAll(ifaces);
            status.put(a, new AnnouncementStatus(AnnouncementStatus.State.ANNOUNCED, "on " + ifaces,
                    List.copyOf(ifaces)));
        }
        return new PlacementPlan(placed, status);
    }

    /** Every interface named anywhere in the plan. */
    Set<String> interfaces() {
        Set<String> out = new TreeSet<>();
        placed.values().forEach(out::addAll);
        return out;
    }

    /** The plan without {@code failed} interfaces: announcements left with none turn FAILED. */
    PlacementPlan without(Set<String> failed) {
        if (failed.isEmpty()) {
            return this;
        }
        Map<IpAddress, Set<String>> left = new TreeMap<>();
        placed.forEach((ip, ifaces) -> {
            Set<String> s = new TreeSet<>(ifaces);
            s.removeAll(failed);
            if (!s.isEmpty()) {
                left.put(ip, s);
            }
        });
        Map<Announcement, AnnouncementStatus> nextStatus = new HashMap<>(status);
        status.forEach((a, st) -> {
            if (!left.containsKey(a.address()) && st.state() == AnnouncementStatus.State.ANNOUNCED) {
                nextStatus.put(a, new AnnouncementStatus(AnnouncementStatus.State.FAILED,
                        "cannot open " + failed + " (see the log)"));
            }
        });
        return new PlacementPlan(left, nextStatus);
    }

    /** MetalLB: any matching advertisement without interfaces means every eligible interface. */
    private static Set<String> interfacesFor(Config config, Announcement a, List<String> eligible) {
        Set<String> out = new TreeSet<>();
        boolean all = a.advertisements().isEmpty();
        for (String name : a.advertisements()) {
            L2Advertisement ad = config.l2Advertisements().get(name);
            if (ad == null || ad.interfaces().isEmpty()) {
                all = true;
            } else {
                out.addAll(ad.interfaces());
            }
        }
        if (all) {
            return new TreeSet<>(eligible);
        }
        out.retainAll(eligible);
        return out;
    }
}
