package io.metallb.l2.internal.packet;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.metallb.l2.channel.PacketChannelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One AF_PACKET raw socket bound to one interface (packet(7)). It is created with protocol 0, so it receives
 * nothing until its filter is attached and it is bound to ETH_P_ALL on the interface: no frame slips in
 * unfiltered. Frames this host sends are not looped back (PACKET_IGNORE_OUTGOING), the counterpart of libpcap's
 * direction IN. Receiving blocks for at most {@link #RECEIVE_TIMEOUT_MILLIS}, so a closing channel is noticed.
 */
public final class AfPacketSocket implements AutoCloseable {

    static final int RECEIVE_TIMEOUT_MILLIS = 200;
    /**
     * Kernel receive queue for bursts of requests (the 208 KiB default drops under a flood). Charged per queued
     * frame at its socket-buffer size (about 1 KiB for a 60-byte request on a veth), so 16 MiB held ~16k
     * requests and lost 7 % of a 50k flood injected at 81k/s while a 50 ms real-time throttling pause stalled the
     * receive thread; 64 MiB holds a whole such flood. Memory is used only while frames wait.
     */
    private static final int RECEIVE_BUFFER_BYTES = 64 << 20;

    private final int fd;
    private final int ifindex;
    private volatile boolean closed;
    /** Sends in progress: {@link #close} waits for them, so no send can reach a reused descriptor number. */
    private final AtomicInteger sending = new AtomicInteger();
    /** Closing twice would close whatever reused the descriptor number meanwhile. */
    private final AtomicBoolean closeOnce = new AtomicBoolean();

    private AfPacketSocket(int fd, int ifindex) {
        this.fd = fd;
        this.ifindex = ifindex;
    }

    /** Opens a socket on {@code name} admitting only what {@code filter} (a {@link SocketFilter}) accepts. */
    public static AfPacketSocket open(String name, ByteBuffer filter) {
        int ifindex;
        int fd;
        try {
            ifindex = LinuxSockets.if_nametoindex(name);
        } catch (LastErrorException e) {
            throw new PacketChannelException("no interface named " + name + ": " + e.getMessage(), e);
        }
        try {
            fd = LinuxSockets.socket(LinuxSockets.AF_PACKET, LinuxSockets.SOCK_RAW, 0);
        } catch (LastErrorException e) {
            throw new PacketChannelException(e.getErrorCode() == 1 /* EPERM */
                    ? "no permission to open a packet socket on " + name + ": the speaker needs CAP_NET_RAW (run as "
                    + "root, or add NET_RAW to the container's capabilities)"
                    : "cannot open a packet socket on " + name + ": " + e.getMessage(), e);
        }
        AfPacketSocket socket = new AfPacketSocket(fd, ifindex);
        try {
            socket.attach(filter);
            socket.setInt(LinuxSockets.SOL_PACKET, LinuxSockets.PACKET_IGNORE_OUTGOING, 1);
            try {
                socket.setInt(LinuxSockets.SOL_SOCKET, LinuxSockets.SO_RCVBUFFORCE, RECEIVE_BUFFER_BYTES);
            } catch (LastErrorException e) {
                socket.setInt(LinuxSockets.SOL_SOCKET, LinuxSockets.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            }
            ByteBuffer timeout = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
            timeout.putLong(0, 0).putLong(8, RECEIVE_TIMEOUT_MILLIS * 1000L); // struct timeval
            LinuxSockets.setsockopt(fd, LinuxSockets.SOL_SOCKET, LinuxSockets.SO_RCVTIMEO, timeout, 16);
            ByteBuffer address = ByteBuffer.allocateDirect(20).order(ByteOrder.nativeOrder()); // sockaddr_ll
            address.putShort(0, (short) LinuxSockets.AF_PACKET).putShort(2, LinuxSockets.ETH_P_ALL_BE)
                    .putInt(4, ifindex);
            LinuxSockets.bind(fd, address, 20);
            return socket;
        } catch (LastErrorException e) {
            socket.close();
            throw new PacketChannelException("cannot set up the packet socket on " + name + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the socket filter; atomic in the kernel, callable from any thread. */
    void attach(ByteBuffer filter) {
        // struct sock_fprog { unsigned short len; struct sock_filter *filter; }: the pointer at offset 8.
        ByteBuffer program = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        program.putShort(0, (short) (filter.capacity() / 8))
                .putLong(8, Pointer.nativeValue(Native.getDirectBufferPointer(filter)));
        LinuxSockets.setsockopt(fd, LinuxSockets.SOL_SOCKET, LinuxSockets.SO_ATTACH_FILTER, program, 16);
        java.lang.ref.Reference.reachabilityFence(filter); // the kernel copies the program during the call
    }

    private void setInt(int level, int name, int value) {
        ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, value);
        LinuxSockets.setsockopt(fd, level, name, v, 4);
    }

    /**
     * Receives one frame into {@code buffer} from position 0 and returns its length, or -1 when the timeout passed
     * (or the call was interrupted) with nothing received.
     */
    public int receive(ByteBuffer buffer) {
        try {
            return (int) LinuxSockets.recv(fd, buffer, buffer.capacity(), 0);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LinuxSockets.EAGAIN || e.getErrorCode() == LinuxSockets.EINTR) {
                return -1;
            }
            throw e;
        }
    }

    /**
     * As {@link #receive}, but first polls without blocking for up to {@code spinNanos}: a frame arriving within
     * that time is taken without the cost of a sleep and a wake-up (an inter-processor interrupt, and on a busy
     * host a wait for a CPU), which under a request flood is paid per frame whenever the responder is faster than
     * the flood. Idle, the thread blocks as before.
     */
    public int receive(ByteBuffer buffer, long spinNanos) {
        long started = System.nanoTime();
        do {
            long n = LinuxSockets.recvfrom(fd, buffer, buffer.capacity(), LinuxSockets.MSG_DONTWAIT, null, null);
            if (n >= 0) {
                return (int) n;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - started < spinNanos);
        return receive(buffer);
    }

    /**
     * Sends the {@code length} bytes at the start of {@code buffer} as one frame; returns false, sending nothing,
     * once the socket is closed. Callable from any thread.
     */
    public boolean send(ByteBuffer buffer, int length) {
        sending.incrementAndGet();
        try {
            if (closed) {
                return false;
            }
            LinuxSockets.send(fd, buffer, length, 0);
            return true;
        } finally {
            sending.decrementAndGet();
        }
    }

    int ifindex() {
        return ifindex;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closeOnce.compareAndSet(false, true)) {
            closed = true;
            while (sending.get() > 0) {
                Thread.onSpinWait(); // a send in progress returns within microseconds
            }
            LinuxSockets.close(fd);
        }
    }
}
