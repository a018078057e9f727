package io.metallb.allocator;

import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpRange;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The addresses of one family in one pool, and who holds each.
 *
 * <p>Indexes, and why:
 * <ul>
 *   <li>{@code chunks}: 256-address {@link AddressChunk}s (a bitmap and a holder slot per address), made only
 *       when an address in them is first taken or looked at, so an IPv6 /64 costs nothing until used and a full
 *       2^20 pool about 4.3 bytes per address.</li>
 *   <li>{@code withAvailable}: bases of made chunks with an available address. The lowest free address is its
 *       first chunk's first clear bit: O(log chunks), whatever the fill and however fragmented (MetalLB walks
 *       each CIDR from its first address, O(used)).</li>
 *   <li>{@code untouched}: the pool's ranges not yet covered by a made chunk; its first address is the lowest
 *       free one there.</li>
 *   <li>{@code sharedByKey}: addresses in use per sharing key, so a service with key k packs onto the lowest
 *       address shared under k (MetalLB's order) without scanning the pool.</li>
 * </ul>
 * With avoidBuggyIPs, IPv4 addresses ending in .0 and .255 are blocked in every chunk and {@link #contains}
 * says no for them, as MetalLB's {@code poolFor} does.
 */
final class AddressSpace {

    private final IpFamily family;
    private final List<IpRange> ranges;
    private final boolean avoidBuggy;
    private final TreeMap<IpAddress, AddressChunk> chunks = new TreeMap<>();
    private final NavigableSet<IpAddress> withAvailable = new TreeSet<>();
    private final RangeSet<IpAddress> untouched = TreeRangeSet.create();
    private final Map<String, NavigableSet<IpAddress>> sharedByKey = new HashMap<>();
    private final long total;
    private long inUse;

    AddressSpace(IpFamily family, List<IpRange> ranges, boolean avoidBuggyIps) {
        this.family = family;
        this.ranges = List.copyOf(ranges);
        this.avoidBuggy = avoidBuggyIps && family == IpFamily.IPV4;
        long count = 0;
        for (IpRange r : this.ranges) {
            untouched.add(Range.closed(r.first(), r.last()).canonical(IpDomain.of(family)));
            long size = r.saturatedSize();
            count = count + size < 0 ? Long.MAX_VALUE : count + size;
            if (avoidBuggy) {
                count -= buggyIn(r);
            }
        }
        this.total = count;
    }

    /** How many .0 and .255 addresses {@code r} holds. */
    private static long buggyIn(IpRange r) {
        long n = 0;
        long first = r.first().low();
        long last = r.last().low();
        for (long base = first & ~0xFFL; base <= last; base += 256) {
            n += (base >= first ? 1 : 0) + (base + 255 <= last ? 1 : 0);
        }
        return n;
    }

    static boolean isBuggy(IpAddress ip) {
        long lastOctet = ip.low() & 0xFF;
        return ip.isV4() && (lastOctet == 0 || lastOctet == 255);
    }

    IpFamily family() {
        return family;
    }

    long total() {
        return total;
    }

    long inUse() {
        return inUse;
    }

    /** True when {@code ip} is one of this space's usable addresses (in a range, and not avoided). */
    boolean contains(IpAddress ip) {
        if (ip.family() != family || (avoidBuggy && isBuggy(ip))) {
            return false;
        }
        for (IpRange r : ranges) {
            if (r.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** The lowest free address. */
    Optional<IpAddress> lowestFree() {
        while (true) {
            IpAddress made = withAvailable.isEmpty() ? null : withAvailable.first();
            Iterator<Range<IpAddress>> it = untouched.asRanges().iterator();
            IpAddress fresh = it.hasNext() ? AddressChunk.baseOf(it.next().lowerEndpoint()) : null;
            if (fresh != null && (made == null || fresh.compareTo(made) < 0)) {
                chunk(fresh);
                continue;
            }
            if (made == null) {
                return Optional.empty();
            }
            AddressChunk c = chunks.get(made);
            return Optional.of(c.address(c.firstAvailable()));
        }
    }

    /** The services holding {@code ip} (empty when free). */
    List<Lease> holders(IpAddress ip) {
        AddressChunk c = chunks.get(AddressChunk.baseOf(ip));
        Object h = c == null ? null : c.holder(AddressChunk.offset(ip));
        if (h == null) {
            return List.of();
        }
        return h instanceof Lease l ? List.of(l) : List.of((Lease[]) h);
    }

    /**
     * Records the holders of {@code ip}, taking it when it was free and giving it back when none remain.
     * {@code ip} must be {@linkplain #contains contained}.
     */
    void setHolders(IpAddress ip, List<Lease> leases) {
        AddressChunk c = chunk(AddressChunk.baseOf(ip));
        int i = AddressChunk.offset(ip);
        boolean wasHeld = c.holder(i) != null;
        c.setHolder(i, leases.isEmpty() ? null : leases.size() == 1 ? leases.get(0) : leases.toArray(Lease[]::new));
        if (!wasHeld && !leases.isEmpty()) {
            inUse++;
            if (c.take(i) == 0) {
                withAvailable.remove(c.base);
            }
        } else if (wasHeld && leases.isEmpty()) {
            inUse--;
            if (c.give(i) == 1) {
                withAvailable.add(c.base);
            }
        }
    }

    /** In-use addresses shared under {@code sharingKey}, lowest first. */
    NavigableSet<IpAddress> sharedUnder(String sharingKey) {
        NavigableSet<IpAddress> s = sharedByKey.get(sharingKey);
        return s == null ? java.util.Collections.emptyNavigableSet() : s;
    }

    void indexSharing(String key, IpAddress ip) {
        sharedByKey.computeIfAbsent(key, k -> new TreeSet<>()).add(ip);
    }

    void unindexSharing(String key, IpAddress ip) {
        NavigableSet<IpAddress> s = sharedByKey.get(key);
        if (s != null && s.remove(ip) && s.isEmpty()) {
            sharedByKey.remove(key);
        }
    }

    /** The chunk at {@code base}, made (usable addresses opened, buggy ones kept blocked) on first use. */
    private AddressChunk chunk(IpAddress base) {
        AddressChunk c = chunks.get(base);
        if (c != null) {
            return c;
        }
        c = new AddressChunk(base);
        c.blockAll();
        IpAddress last = AddressChunk.lastOf(base);
        for (IpRange r : ranges) {
            if (r.last().compareTo(base) >= 0 && r.first().compareTo(last) <= 0) {
                int from = r.first().compareTo(base) <= 0 ? 0 : AddressChunk.offset(r.first());
                int to = r.last().compareTo(last) >= 0 ? AddressChunk.SIZE - 1 : AddressChunk.offset(r.last());
                c.open(from, to);
            }
        }
        if (avoidBuggy) {
            // Chunks are /24s in IPv4, so the avoided addresses are each chunk's first and last.
            c.close(0);
            c.close(AddressChunk.SIZE - 1);
        }
        chunks.put(base, c);
        // Canonical form [base, last+1): the remaining pieces keep closed lower bounds.
        untouched.remove(Range.closed(base, last).canonical(IpDomain.of(family)));
        if (c.available() > 0) {
            withAvailable.add(base);
        }
        return c;
    }
}
