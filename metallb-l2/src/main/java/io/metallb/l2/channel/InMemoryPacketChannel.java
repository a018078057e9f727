package io.metallb.l2.channel;

import io.metallb.l2.wire.MacAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A channel with no wire, for tests: {@link #inject} hands a frame to the receiver on the caller's thread, and
 * sent frames queue up for {@link #sent}.
 */
public final class InMemoryPacketChannel implements PacketChannel {

    private final String name;
    private final MacAddress mac;
    private final BlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
    private volatile Consumer<byte[]> receiver;
    private volatile boolean closed;
    private volatile boolean failing;
    private final java.util.concurrent.atomic.AtomicLong refusedSends = new java.util.concurrent.atomic.AtomicLong();

    public InMemoryPacketChannel(String name, MacAddress mac) {
        this.name = Objects.requireNonNull(name, "name");
        this.mac = Objects.requireNonNull(mac, "mac");
    }

    @Override
    public String interfaceName() {
        return name;
    }

    @Override
    public MacAddress hardwareAddress() {
        return mac;
    }

    @Override
    public void start(Consumer<byte[]> frameReceiver) {
        if (receiver != null) {
            throw new IllegalStateException("channel " + name + " already started");
        }
        receiver = Objects.requireNonNull(frameReceiver, "frameReceiver");
    }

    /** Delivers {@code frame} as if it had arrived on the interface; ignored once closed or before start. */
    public void inject(byte[] frame) {
        Consumer<byte[]> r = receiver;
        if (r != null && !closed) {
            r.accept(frame.clone());
        }
    }

    /** While {@code fail} is true, {@link #send} throws as a pcap channel does when its interface went away. */
    public void failSends(boolean fail) {
        failing = fail;
    }

    @Override
    public void send(byte[] frame) {
        if (failing) {
            refusedSends.incrementAndGet();
            throw new PacketChannelException("send on " + name + ": interface down (simulated)");
        }
        if (!closed) {
            sent.add(frame.clone());
        }
    }

    /** How many sends {@link #failSends} has refused so far, from any thread. */
    public long refusedSends() {
        return refusedSends.get();
    }

    /** The next frame sent within {@code millis}, or null. */
    public byte[] nextSent(long millis) throws InterruptedException {
        return sent.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Takes every frame sent so far. */
    public List<byte[]> drainSent() {
        List<byte[]> out = new java.util.ArrayList<>();
        sent.drainTo(out);
        return out;
    }

    /** True once closed. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
