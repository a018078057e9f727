package io.metallb.bgp.speaker;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpPrefix;
import io.metallb.bgp.wire.Update;
import io.metallb.bgp.wire.WireOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a peer must be sent to go from the routes it has to the routes it should have: the UPDATEs (withdrawals,
 * then one run per attribute set, each sorted by prefix so the same change always gives the same bytes) and the
 * routes it then has. Pure; {@link PeerSession} sends the result, {@link SyncWarmUp} runs it on made-up routes.
 *
 * @param updates the UPDATEs, in order (no End-of-RIB)
 * @param sendable what the peer has once they are sent: the routes of the negotiated families (the {@code desired}
 *     map itself when both families are negotiated)
 */
record RouteDiff(List<Update> updates, Map<IpPrefix, RouteAttributes> sendable) {

    /**
     * One pass over {@code desired}: what the negotiated families allow, and of that what the peer lacks, grouped
     * by attributes (the advertisements share RouteAttributes instances, so the identity check nearly always hits);
     * then only the changed prefixes are sorted. {@code desired} and {@code sent} are unmodifiable and kept.
     */
    static RouteDiff between(Map<IpPrefix, RouteAttributes> desired, Map<IpPrefix, RouteAttributes> sent,
            boolean v4, boolean v6, RouteBuilder builder, List<IpAddress> nextHopV6, WireOptions options) {
        Map<IpPrefix, RouteAttributes> sendable = v4 && v6 ? desired : new HashMap<>();
        Map<RouteAttributes, UpdatePacker.Group> groups = new LinkedHashMap<>();
        RouteAttributes lastAttributes = null;
        UpdatePacker.Group last = null;
        for (Map.Entry<IpPrefix, RouteAttributes> e : desired.entrySet()) {
            IpPrefix p = e.getKey();
            RouteAttributes a = e.getValue();
            boolean four = p.family() == IpFamily.IPV4;
            if (sendable != desired) {
                if (!(four ? v4 : v6)) {
                    continue;
                }
                sendable.put(p, a);
            }
            RouteAttributes had = sent.get(p);
            if (had == a || a.equals(had)) {
                continue;
            }
            if (a != lastAttributes) {
                lastAttributes = a;
                last = groups.computeIfAbsent(a, k -> new UpdatePacker.Group(builder.attributes(k),
                        new ArrayList<>(), new ArrayList<>()));
            }
            (four ? last.v4() : last.v6()).add(p);
        }
        if (sendable != desired) {
            sendable = Collections.unmodifiableMap(sendable);
        }
        List<IpPrefix> withdrawn = new ArrayList<>();
        for (IpPrefix p : sent.keySet()) {
            if (!sendable.containsKey(p)) {
                withdrawn.add(p);
            }
        }
        sortPrefixes(withdrawn);
        List<UpdatePacker.Group> ordered = new ArrayList<>(groups.values());
        for (UpdatePacker.Group g : ordered) {
            sortPrefixes(g.v4());
            sortPrefixes(g.v6());
        }
        // Groups in the order of their first prefix, so that the same change always gives the same UPDATEs.
        ordered.sort(Comparator.comparing(g -> g.v4().isEmpty() ? g.v6().get(0) : g.v4().get(0)));
        return new RouteDiff(UpdatePacker.pack(withdrawn, ordered, nextHopV6, options), sendable);
    }

    /**
     * Sorts in {@link IpPrefix}'s order. All-IPv4 lists (the common case: /32 services) are sorted as primitive
     * keys (address, length, position), several times faster than comparing objects while the JIT is still cold;
     * anything else by comparison.
     */
    static void sortPrefixes(List<IpPrefix> prefixes) {
        int n = prefixes.size();
        if (n < 2) {
            return;
        }
        if (n >= 1 << 26) {
            prefixes.sort(null);
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            IpPrefix p = prefixes.get(i);
            if (p.family() != IpFamily.IPV4) {
                prefixes.sort(null);
                return;
            }
            // 32 bits of address, 6 of length, 26 of position: unsigned order is the prefixes' order.
            keys[i] = (p.network().low() << 32 | (long) p.length() << 26 | i) ^ Long.MIN_VALUE;
        }
        java.util.Arrays.sort(keys);
        IpPrefix[] sorted = new IpPrefix[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = prefixes.get((int) (keys[i] & ((1 << 26) - 1)));
        }
        for (int i = 0; i < n; i++) {
            prefixes.set(i, sorted[i]);
        }
    }
}
