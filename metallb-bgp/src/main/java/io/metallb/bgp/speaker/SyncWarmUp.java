package io.metallb.bgp.speaker;

import io.metallb.api.config.BgpAdvertisement;
import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpPrefix;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Announcement;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.Update;
import io.metallb.bgp.wire.WireOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the initial-sync path (routes for a peer, the difference, packing, encoding) on made-up routes until the
 * JIT has compiled it, in the background, once per process, when the first session starts: while the session
 * comes up. A session's first sync is the largest a speaker makes (every route at once, after every restart), and
 * cold it spent about half its time in the interpreter and in profiling code (100,000 routes: 0.35 s of CPU cold,
 * 0.15 s warm, docs/benchmarks-bgp.md). The layer 2 responder warms its path the same way. Nothing is sent.
 */
final class SyncWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** Enough calls for the per-sync methods to be compiled (C1 compiles a method after 100-200 calls). */
    static final int ROUNDS = 150;
    /** Routes per family per round. */
    static final int ROUTES = 100;

    private SyncWarmUp() {
    }

    /** Starts the warm-up on a daemon thread, the first time only. */
    static void startOnce() {
        if (STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(SyncWarmUp::run, "bgp-sync-warm-up");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }

    /** Returns the octets encoded (so that none of the work can be discarded as dead). */
    static long run() {
        BgpPeer peer = new BgpPeer("warm-up", 64512, OptionalLong.of(64513), Optional.empty(),
                IpAddress.parse("198.51.100.1"), Optional.empty(), BgpPeer.DEFAULT_PORT, BgpPeer.DEFAULT_HOLD_TIME,
                Duration.ofSeconds(30), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, false, Optional.empty());
        BgpAdvertisement adv = new BgpAdvertisement("warm-up", 32, 128, OptionalLong.empty(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        Config config = Config.of(List.of(), List.of(), List.of(adv), List.of(peer), List.of(), List.of());
        List<Announcement> announcements = new ArrayList<>();
        for (int i = 0; i < ROUTES; i++) {
            ServiceKey key = new ServiceKey("warm-up", "svc-" + i);
            // Documentation ranges; nothing leaves this method.
            announcements.add(new Announcement(key, IpAddress.ofV4(0xCB007100 + (i & 0xFF)), "pool",
                    List.of("warm-up")));
            announcements.add(new Announcement(key, IpAddress.ofV6(0x20010db8_00000000L, 0x7700_0000L + i), "pool",
                    List.of("warm-up")));
        }
        RouteBuilder builder = new RouteBuilder(64512, false, IpAddress.parse("198.51.100.2"));
        List<IpAddress> nextHopV6 = List.of(IpAddress.parse("2001:db8::2"));
        long octets = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Map<IpPrefix, RouteAttributes> desired = Routes.forPeer(config, peer, announcements);
            WireOptions options = round % 2 == 0 ? WireOptions.MODERN : WireOptions.INITIAL;
            for (Update u : RouteDiff.between(desired, Map.of(), true, true, builder, nextHopV6, options)
                    .updates()) {
                octets += BgpMessageCodec.encode(u, options).length;
            }
        }
        return octets;
    }
}
