package io.metallb.l2.internal.packet;

import com.sun.jna.LastErrorException;
import io.metallb.api.net.IpAddress;
import io.metallb.l2.channel.PacketChannelException;
import io.metallb.l2.wire.MacAddress;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link io.metallb.l2.channel.PacketChannel} over one AF_PACKET socket (opened by
 * {@link AfPacketChannelFactory}). A dedicated daemon thread (real-time when asked, see {@link ReceivePriority})
 * blocks in {@code recv} into a reused direct buffer and hands each frame to the receiver; a reply sent from that
 * thread goes out through a second reused direct buffer, so the receive-decide-send path makes one JNI call each
 * way and allocates only the frame array the seam hands over. Other threads (the gratuitous scheduler) send
 * through a buffer of their own. The filter is swapped in the kernel, atomically, from the caller's thread.
 */
final class AfPacketChannel extends ReceiveThreadChannel {

    private static final System.Logger LOG = System.getLogger(AfPacketChannel.class.getName());
    private static final int FRAME_BYTES = SocketFilter.ACCEPT;
    /**
     * How long the receive thread polls for the next frame before it sleeps: long enough to cover the gap between
     * requests of a flood (20 us at 50k/s), short enough that an idle interface costs nothing.
     */
    private static final long SPIN_NANOS = 50_000;
    private static final ThreadLocal<ByteBuffer> SEND_BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(FRAME_BYTES));

    private final AfPacketSocket socket;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(FRAME_BYTES);

    /** @param realtime whether the receive thread asks for SCHED_FIFO ({@link ReceivePriority}) */
    AfPacketChannel(String name, MacAddress mac, AfPacketSocket socket, boolean realtime) {
        super(name, mac, realtime);
        this.socket = Objects.requireNonNull(socket, "socket");
    }

    @Override
    protected void receive(Consumer<byte[]> receiver) {
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
                LOG.log(Level.ERROR, "receive on " + interfaceName() + " stopped: " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "frame handler on " + interfaceName() + " failed; receive stopped", e);
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
            LOG.log(Level.WARNING, "filter on " + interfaceName() + " not narrowed to " + targets + ": "
                    + e.getMessage());
        }
    }

    @Override
    public void send(byte[] frame) {
        if (frame.length > FRAME_BYTES) {
            throw new PacketChannelException("send on " + interfaceName() + ": frame of " + frame.length
                    + " bytes (expected: at most " + FRAME_BYTES + ")");
        }
        ByteBuffer buffer = SEND_BUFFERS.get();
        buffer.put(0, frame);
        try {
            socket.send(buffer, frame.length);
        } catch (LastErrorException e) {
            if (!closed) {
                throw new PacketChannelException("send on " + interfaceName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The receive thread notices {@link #closed} within one receive timeout. */
    @Override
    protected long joinMillis() {
        return AfPacketSocket.RECEIVE_TIMEOUT_MILLIS * 10L;
    }

    @Override
    protected void release() {
        socket.close();
    }
}
