package io.metallb.l2.internal;

import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.MetricSink;
import io.metallb.l2.channel.PacketChannel;
import io.metallb.l2.channel.PacketChannelException;
import java.util.EnumMap;
import java.util.HashSet;
import io.metallb.l2.internal.kernel.KernelNeighborResponder;
import io.metallb.l2.internal.kernel.KernelNdpShape;
import java.util.Map;
import io.metallb.l2.wire.ArpOperation;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrame;
import io.metallb.l2.wire.EthernetFrameEncoder;
import io.metallb.l2.wire.MacAddress;
import io.metallb.l2.wire.NdpPacket;
import io.metallb.l2.wire.NeighborSolicitation;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers on one interface. The announcer's thread is the only writer of what is owned: it publishes an
 * immutable snapshot through a volatile field, and the channel's receive thread reads the snapshot once per
 * frame, so losing an address stops the answers with the next frame and no lock is ever taken.
 */
final class InterfaceResponder implements AutoCloseable {

    /** What this node answers for, on this interface and elsewhere (to tell WRONG_INTERFACE from NOT_OWNED). */
    record Owned(Set<IpAddress> here, Set<IpAddress> elsewhere) {
        static final Owned NOTHING = new Owned(Set.of(), Set.of());

        Owned {
            here = Set.copyOf(here);
            elsewhere = Set.copyOf(elsewhere);
        }
    }

    private static final int WARM_UP_ROUNDS = 20_000;

    /** Whether a responder of this JVM has run {@link #warmUp()}. */
    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    private final PacketChannel channel;
    /**
     * ARP and NDP answered in the kernel for the addresses owned here, or null: all in user space (also after the
     * kernel path failed once); the announcer's thread only.
     */
    private KernelNeighborResponder kernel;
    private final MetricSink metrics;
    /** Label maps per answered address, so the receive thread's hot path allocates none after the first. */
    private final Map<io.metallb.api.net.IpAddress, Map<String, String>> labels = new java.util.HashMap<>();
    private final Map<L2DropReason, LongAdder> drops = new EnumMap<>(L2DropReason.class);
    private final LongAdder replies = new LongAdder();
    private final LongAdder kernelReplies = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    /** Receive-to-sent time of the replies (frame handed over by the channel until its send returned). */
    private final LongAdder replyNanos = new LongAdder();
    private volatile long replyNanosMax;
    private volatile Owned owned = Owned.NOTHING;
    /** The IPv6 addresses whose usual-shape solicitations the kernel answers (user space answers the rest). */
    private volatile Set<IpAddress> kernelV6 = Set.of();
    /** What the channel was last narrowed to (null: not yet); the announcer's thread only. */
    private Set<IpAddress> restrictedTo;

    InterfaceResponder(PacketChannel channel, MetricSink metrics) {
        this(channel, null, metrics);
    }

    InterfaceResponder(PacketChannel channel, KernelNeighborResponder kernel, MetricSink metrics) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.kernel = kernel;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        for (L2DropReason r : L2DropReason.values()) {
            drops.put(r, new LongAdder());
        }
    }

    /** Starts answering (nothing is owned yet), after a warm-up so the first reply does not pay for class loading. */
    void start() {
        warmUp();
        channel.start(this::onFrame);
    }

    /**
     * Runs the whole decide-and-encode path for each protocol until the JIT has compiled it (cold, the first reply
     * costs 8-90 ms of class loading, see NOTES.md; the next few thousand run interpreted, then C1-compiled, and
     * compiling them later, while answering, shows as latency outliers). 20,000 rounds take ~50 ms. The code is
     * the same for every interface, so it runs once per JVM: by the first responder to start.
     */
    private void warmUp() {
        if (!WARMED_UP.compareAndSet(false, true)) {
            return;
        }
        MacAddress peer = MacAddress.parse("02:00:00:00:00:fe");
        IpAddress v4 = IpAddress.parse("198.51.100.255");
        IpAddress v6 = IpAddress.parse("2001:db8::ffff");
        byte[] arp = EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, peer,
                new ArpPacket(ArpOperation.REQUEST, peer, IpAddress.parse("198.51.100.254"), MacAddress.ZERO, v4)));
        byte[] ns = EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, peer,
                new NdpPacket(0, 0, IpAddress.parse("2001:db8::fffe"), NdpPacket.solicitedNode(v6),
                        new NeighborSolicitation(v6, Optional.of(peer)))));
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            NeighborResponder.respond(arp, channel.hardwareAddress(), Set.of(v4, v6), Set.of());
            NeighborResponder.respond(ns, channel.hardwareAddress(), Set.of(v4, v6), Set.of());
        }
    }

    /**
     * Publishes the new owned set, then narrows the channel's capture to it (a lost address stops being answered
     * with the next frame; a gained one is delivered once this returns); from the announcer's thread only.
     */
    void own(Owned next) {
        Owned user = next;
        if (kernel != null && !ownInKernel(next.here())) {
            kernel = null;
            kernelV6 = Set.of();
        }
        if (kernel != null) {
            // IPv4 is the kernel's alone; IPv6 stays here too, for the solicitations the kernel passes on.
            Set<IpAddress> v6 = new HashSet<>();
            for (IpAddress a : next.here()) {
                if (!a.isV4()) {
                    v6.add(a);
                }
            }
            kernelV6 = Set.copyOf(v6);
            user = new Owned(v6, next.elsewhere());
        }
        owned = user;
        // Only on a change: libpcap swaps a kernel filter behind a reject-all one for a few microseconds. Requests
        // for what the kernel answers are kept out too (a packet socket sees them before the tcx hook).
        if (!user.here().equals(restrictedTo)) {
            channel.restrictTo(user.here());
            restrictedTo = user.here();
        }
    }

    /**
     * Hands the owned addresses to the kernel's maps (removals first: a lost address is not answered from here on).
     * A failure (a full map, the interface gone) must not stop the announcer: the kernel path is closed, which
     * detaches the program, and from then on user space answers for everything on this interface.
     */
    private boolean ownInKernel(Set<IpAddress> here) {
        try {
            kernel.own(here);
            return true;
        } catch (RuntimeException e) {
            System.getLogger(InterfaceResponder.class.getName()).log(System.Logger.Level.WARNING, "layer2: the "
                    + "kernel responder on " + channel.interfaceName() + " failed (" + e.getMessage()
                    + "); answering ARP and NDP in user space from now on");
            try {
                syncKernelCounters();
            } catch (RuntimeException lost) {
                // The last second's kernel answers go uncounted.
            }
            kernel.close();
            return false;
        }
    }

    /** Whether the kernel answers ARP (and usual-shape solicitations) on this interface. */
    boolean answersInKernel() {
        return kernel != null;
    }

    /** Adds the requests the kernel answered since the last call to MetalLB's series; the announcer's thread. */
    void syncKernelCounters() {
        if (kernel == null) {
            return;
        }
        kernel.answeredSinceLastCall().forEach((ip, n) -> {
            Map<String, String> label = Map.of("ip", ip.toString());
            metrics.add("metallb_layer2_requests_received", label, n);
            metrics.add("metallb_layer2_responses_sent", label, n);
            kernelReplies.add(n);
        });
    }

    PacketChannel channel() {
        return channel;
    }

    private void onFrame(byte[] bytes) {
        long received = System.nanoTime();
        Set<IpAddress> inKernel = kernelV6;
        if (!inKernel.isEmpty()) {
            Optional<IpAddress> target = KernelNdpShape.target(bytes, channel.hardwareAddress());
            if (target.isPresent() && inKernel.contains(target.get())) {
                drops.get(L2DropReason.ANSWERED_IN_KERNEL).increment();
                return;
            }
        }
        Owned now = owned;
        ResponderDecision d = NeighborResponder.respond(bytes, channel.hardwareAddress(), now.here(), now.elsewhere());
        if (d instanceof ResponderDecision.Reply reply) {
            // MetalLB's series: requests for owned addresses, and the responses sent to them.
            Map<String, String> ip = labels.computeIfAbsent(reply.target(), t -> Map.of("ip", t.toString()));
            metrics.add("metallb_layer2_requests_received", ip, 1);
            try {
                channel.send(reply.frame().bytes());
                replies.increment();
                metrics.add("metallb_layer2_responses_sent", ip, 1);
                long took = System.nanoTime() - received;
                replyNanos.add(took);
                if (took > replyNanosMax) {
                    replyNanosMax = took; // only the channel's receive thread writes
                }
            } catch (PacketChannelException e) {
                // Counted, not fatal: the next request is answered again once the interface can send.
                sendFailures.increment();
            }
        } else {
            drops.get(((ResponderDecision.Drop) d).reason()).increment();
        }
    }

    /** Frames answered so far. */
    long replies() {
        return replies.sum();
    }

    /** Requests answered in the kernel, as of the last {@link #syncKernelCounters}. */
    long kernelReplies() {
        return kernelReplies.sum();
    }

    /** Summed receive-to-sent nanoseconds of the replies; with {@link #replies()}, the mean time in Java. */
    long replyNanos() {
        return replyNanos.sum();
    }

    /** The longest receive-to-sent time of a reply so far. */
    long replyNanosMax() {
        return replyNanosMax;
    }

    /** Replies that could not be sent (interface gone or down). */
    long sendFailures() {
        return sendFailures.sum();
    }

    /** Frames dropped so far, by reason. */
    Map<L2DropReason, Long> drops() {
        Map<L2DropReason, Long> out = new EnumMap<>(L2DropReason.class);
        drops.forEach((r, n) -> out.put(r, n.sum()));
        return out;
    }

    @Override
    public void close() {
        owned = Owned.NOTHING;
        if (kernel != null) {
            kernel.close();
        }
        channel.close();
    }
}
