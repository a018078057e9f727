package io.metallb.l2.internal.packet;

import io.metallb.l2.channel.PacketChannel;
import io.metallb.l2.wire.MacAddress;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the native back ends ({@link AfPacketChannel}, the pcap4j channel) share: the interface's name and MAC,
 * one receive thread started once ({@link ReceivePriority}), and a close that stops that thread before the
 * handles are released (never the other way round: a descriptor could be reused under a running receive).
 */
public abstract class ReceiveThreadChannel implements PacketChannel {

    private final String name;
    private final MacAddress mac;
    private final boolean realtime;
    private Thread thread;
    /** Set once {@link #close} begins; the receive loop and senders check it. */
    protected volatile boolean closed;

    /** @param realtime whether the receive thread asks for SCHED_FIFO ({@link ReceivePriority}) */
    protected ReceiveThreadChannel(String name, MacAddress mac, boolean realtime) {
        this.name = Objects.requireNonNull(name, "name");
        this.mac = Objects.requireNonNull(mac, "mac");
        this.realtime = realtime;
    }

    @Override
    public final String interfaceName() {
        return name;
    }

    @Override
    public final MacAddress hardwareAddress() {
        return mac;
    }

    @Override
    public final void start(Consumer<byte[]> receiver) {
        if (thread != null) {
            throw new IllegalStateException("channel " + name + " already started");
        }
        thread = ReceivePriority.startReceiveThread(name, realtime, () -> receive(receiver));
    }

    /** Whether {@link #start} ran. */
    protected final boolean started() {
        return thread != null;
    }

    /** On the receive thread: hands frames to {@code receiver} until {@link #closed}. */
    protected abstract void receive(Consumer<byte[]> receiver);

    /** Makes a receive thread blocked in the back end return (called once, before the join); default nothing. */
    protected void wakeReceiver() {
    }

    /** How long {@link #close} waits for the receive thread. */
    protected abstract long joinMillis();

    /** Releases the back end's handles, once the receive thread has stopped. */
    protected abstract void release();

    /** Stops the receive thread, then releases the handles; idempotent. */
    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        wakeReceiver();
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(joinMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        release();
    }
}
