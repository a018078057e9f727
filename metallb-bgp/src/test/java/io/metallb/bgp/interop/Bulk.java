package io.metallb.bgp.interop;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Announcement;
import io.metallb.bgp.BgpCounters;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The end-to-end bulk measurement (opt-in: {@code -Dbgp.bench=true}): N IPv6 /128 from 2001:db8::/32 announced
 * at once to a receiving router, timed until the router holds them all. IPv4 at this scale needs addresses
 * outside the documentation ranges the tests may use, so it is not measured here.
 */
final class Bulk {
    static final int COUNT = 100_000;

    private Bulk() {
    }

    static Set<Announcement> ipv6(String advertisement, int count) {
        Set<Announcement> out = new HashSet<>();
        for (int i = 0; i < count; i++) {
            IpAddress a = IpAddress.ofV6(0x20010db8_00090000L, i);
            out.add(new Announcement(new ServiceKey("bench", "svc-" + i), a, "pool", List.of(advertisement)));
        }
        return out;
    }

    /**
     * {@code count} IPv4 /32 from 198.18.0.0/15 (RFC 2544's benchmarking range, 131,072 addresses). Only for the
     * benchmark inside a namespace of its own with nothing but {@code lo} (see {@code BgpBenchmarkIT}).
     */
    static Set<Announcement> ipv4Benchmark(String advertisement, int count) {
        if (count > 1 << 17) {
            throw new IllegalArgumentException(count + " /32s do not fit 198.18.0.0/15");
        }
        Set<Announcement> out = new HashSet<>();
        for (int i = 0; i < count; i++) {
            IpAddress a = IpAddress.ofV4(0xC6120000 + i);
            out.add(new Announcement(new ServiceKey("bench", "svc-" + i), a, "pool", List.of(advertisement)));
        }
        return out;
    }

    /** Counts UPDATEs sent. */
    static final class Counting implements BgpCounters {
        final AtomicInteger updates = new AtomicInteger();
        volatile boolean up;
        /** System.nanoTime() of the last UPDATEs handed to the socket. */
        volatile long lastSent;

        @Override
        public void updatesSent(String peer, int count) {
            updates.addAndGet(count);
            lastSent = System.nanoTime();
        }

        @Override
        public void sessionUp(String peer, boolean isUp) {
            up = isUp;
        }
    }

    /** Applies, waits until {@code holdsAll}, prints one line of figures and returns the seconds. */
    static double measure(String receiver, Runnable apply, BooleanSupplier holdsAll,
            java.util.function.Supplier<String> state, Counting counters) {
        long start = System.nanoTime();
        apply.run();
        Routers.await(receiver + " holding " + COUNT + " routes", holdsAll, state);
        double seconds = (System.nanoTime() - start) / 1e9;
        // 17 octets per /128; about 66 octets per UPDATE go to header and attributes.
        int minimum = (int) Math.ceil(COUNT * 17.0 / (4096 - 66));
        int minimumExtended = (int) Math.ceil(COUNT * 17.0 / (65535 - 66));
        System.out.printf("BGP bulk: %d IPv6 /128 to %s in %.2f s (%.0f prefixes/s), %d UPDATEs (packing"
                + " minimum %d at 4096 octets, %d with RFC 8654 extended messages)%n", COUNT, receiver, seconds,
                COUNT / seconds, counters.updates.get(), minimum, minimumExtended);
        return seconds;
    }
}
