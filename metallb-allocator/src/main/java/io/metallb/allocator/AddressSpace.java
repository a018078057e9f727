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
import java.util.TreeSet;

/**
 * The addresses of one family in one pool.
 *
 * <p>Indexes, and why:
 * <ul>
 *   <li>{@code free}: every usable address nobody holds, as coalesced intervals (Guava {@link TreeRangeSet}).
 *       The lowest free address is the first interval's start: O(log h) for h holes, whatever the fill. A pool
 *       allocated from the start in order keeps one interval, so a million assignments cost no memory here.
 *       MetalLB instead walks each CIDR from its first address, O(used) per allocation.</li>
 *   <li>{@code sharedByKey}: addresses in use, per sharing key, so a service with key k packs onto the lowest
 *       address already shared under k (MetalLB's order) without a scan of the pool.</li>
 * </ul>
 * avoidBuggyIPs addresses (IPv4 .0 and .255) are never put into {@code free}, and {@link #contains} says no
 * for them, as MetalLB's {@code poolFor} does.
 */
final class AddressSpace {

    private final IpFamily family;
    private final List<IpRange> ranges;
    private final boolean avoidBuggy;
    private final RangeSet<IpAddress> free = TreeRangeSet.create();
    private final Map<String, NavigableSet<IpAddress>> sharedByKey = new HashMap<>();
    private final long total;
    private long inUse;

    AddressSpace(IpFamily family, List<IpRange> ranges, boolean avoidBuggyIps) {
        this.family = family;
        this.ranges = List.copyOf(ranges);
        this.avoidBuggy = avoidBuggyIps && family == IpFamily.IPV4;
        long count = 0;
        for (IpRange r : this.ranges) {
            free.add(canonical(r.first(), r.last()));
            count = saturatedAdd(count, r.saturatedSize());
            if (avoidBuggy) {
                count -= removeBuggy(r);
            }
        }
        this.total = count;
    }

    /** Removes every .0 and .255 of {@code r} from the free set; returns how many there were. */
    private long removeBuggy(IpRange r) {
        long removed = 0;
        long first = r.first().low();
        long last = r.last().low();
        for (long base = first & ~0xFFL; base <= last; base += 256) {
            for (long candidate : new long[] {base, base + 255}) {
                if (candidate >= first && candidate <= last) {
                    free.remove(single(IpAddress.ofV4((int) candidate)));
                    removed++;
                }
            }
        }
        return removed;
    }

    static boolean isBuggy(IpAddress ip) {
        if (!ip.isV4()) {
            return false;
        }
        long lastOctet = ip.low() & 0xFF;
        return lastOctet == 0 || lastOctet == 255;
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

    boolean isFree(IpAddress ip) {
        return free.contains(ip);
    }

    /** The lowest free address. */
    Optional<IpAddress> lowestFree() {
        Iterator<Range<IpAddress>> it = free.asRanges().iterator();
        return it.hasNext() ? Optional.of(it.next().lowerEndpoint()) : Optional.empty();
    }

    /** In-use addresses shared under {@code sharingKey}, lowest first. */
    NavigableSet<IpAddress> sharedUnder(String sharingKey) {
        NavigableSet<IpAddress> s = sharedByKey.get(sharingKey);
        return s == null ? java.util.Collections.emptyNavigableSet() : s;
    }

    /** Marks {@code ip} held (it must be free). */
    void take(IpAddress ip) {
        free.remove(single(ip));
        inUse++;
    }

    /** Marks {@code ip} free again (its last holder left). */
    void give(IpAddress ip) {
        free.add(single(ip));
        inUse--;
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

    private Range<IpAddress> single(IpAddress ip) {
        return canonical(ip, ip);
    }

    private Range<IpAddress> canonical(IpAddress first, IpAddress last) {
        return Range.closed(first, last).canonical(IpDomain.of(family));
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
