package io.metallb.l2.internal.packet;

import com.sun.jna.LastErrorException;
import io.metallb.api.net.IpAddress;
import io.metallb.l2.channel.PacketChannel;
import io.metallb.l2.channel.PacketChannelException;
import io.metallb.l2.wire.MacAddress;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link PacketChannel} over one AF_PACKET socket (opened by {@link AfPacketChannelFactory}). A dedicated daemon
 * thread (real-time when asked, see {@link ReceivePriority}) blocks in {@code recv} into a reused direct buffer and hands each frame to the receiver; a reply sent from
 * that thread goes out through a second reused direct buffer, so the receive-decide-send path makes one JNI call
 * each way and allocates only the frame array the seam hands over. Other threads (the gratuitous scheduler) send
 * through a buffer of their own. The filter is swapped in the kernel, atomically, from the caller's thread.
 */
final class AfPacketChannel implements PacketChannel {

    private static final System.Logger LOG = System.getLogger(AfPacketChannel.class.getName());
    private static final int FRAME_BYTES = SocketFilter.ACCEPT;
    /**
     * How long the receive thread polls for the next frame before it sleeps: long enough to cover the gap between
     * requests of a flood (20 us at 50k/s), short enough that an idle interface costs nothing.
     */
    private static final long SPIN_NANOS = 50_000;
    private static final ThreadLocal<ByteBuffer> SEND_BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(FRAME_BYTES));

    private final String name;
    private final MacAddress mac;
    private final AfPacketSocket socket;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(FRAME_BYTES);
    private final boolean realtime;
    private Thread thread;
    private volatile boolean closed;

    /** @param realtime whether the receive thread asks for SCHED_FIFO ({@link ReceivePriority}) */
    AfPacketChannel(String name, MacAddress mac, AfPacketSocket socket, boolean realtime) {
        this.realtime = realtime;
        this.name = Objects.requireNonNull(name, "name");
        this.mac = Objects.requireNonNull(mac, "mac");
        this.socket = Objects.requireNonNull(socket, "socket");
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
    public void start(Consumer<byte[]> receiver) {
        if (thread != null) {
            throw new IllegalStateException("channel " + name + " already started");
        }
        thread = ReceivePriority.startReceiveThread(name, realtime, () -> loop(receiver));
    }

    private void loop(Consumer<byte[]> receiver) {
        try {
            while (!closed) {
                int n = socket.receive(receiveBuffer, SPIN_NANOS);
                if (n > 0) {
                    byte[] frame = new byte[n];
                    receiveBuffer.get(0, frame);
                    receiver.accept(frame);
                }
            }
        } catch (LastErrorException e) {
            if (!closed) {
                LOG.log(Level.ERROR, "receive on " + name + " stopped: " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "frame handler on " + name + " failed; receive stopped", e);
        }
    }

    @Override
    public void restrictTo(Set<IpAddress> targets) {
        if (closed) {
            return;
        }
        try {
            socket.attach(SocketFilter.requestsFor(targets));
        } catch (LastErrorException e) {
            // The previous filter stays; the responder checks every frame anyway.
            LOG.log(Level.WARNING, "filter on " + name + " not narrowed to " + targets + ": " + e.getMessage());
        }
    }

    @Override
    public void send(byte[] frame) {
        if (frame.length > FRAME_BYTES) {
            throw new PacketChannelException("send on " + name + ": frame of " + frame.length + " bytes (expected: "
                    + "at most " + FRAME_BYTES + ")");
        }
        ByteBuffer buffer = SEND_BUFFERS.get();
        buffer.put(0, frame);
        try {
            socket.send(buffer, frame.length);
        } catch (LastErrorException e) {
            if (!closed) {
                throw new PacketChannelException("send on " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** Stops the receive thread, then closes the socket (never before: its descriptor could be reused). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(AfPacketSocket.RECEIVE_TIMEOUT_MILLIS * 10L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        socket.close();
    }
}
