package io.metallb.l2.internal.packet;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.nio.ByteBuffer;

/**
 * The few libc calls an AF_PACKET socket needs (packet(7), socket(7)), bound by JNA <em>direct mapping</em>:
 * {@link Native#register} links these {@code native} methods straight to libc, so a call costs one JNI
 * transition, with no proxy, no reflection and no argument boxing (pcap4j's interface mapping pays all three per
 * frame). Buffers are direct {@link ByteBuffer}s, passed by address. x86-64 and arm64 Linux ({@code size_t} and
 * {@code ssize_t} are {@code long}).
 */
final class LinuxSockets {

    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOL_SOCKET = 1;
    static final int SOL_PACKET = 263;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_ATTACH_FILTER = 26;
    static final int SO_RCVBUFFORCE = 33;
    /** packet(7), Linux 4.20: frames this host sends are not looped back to the socket. */
    static final int PACKET_IGNORE_OUTGOING = 23;
    /** {@code htons(ETH_P_ALL)}: every protocol (the socket filter narrows it). */
    static final short ETH_P_ALL_BE = (short) 0x0300;
    static final int MSG_DONTWAIT = 0x40;
    static final int EAGAIN = 11;
    static final int EINTR = 4;

    static {
        Native.register(LinuxSockets.class, "c");
    }

    private LinuxSockets() {
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int bind(int fd, ByteBuffer address, int length) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, ByteBuffer value, int length)
            throws LastErrorException;

    /** Blocks up to SO_RCVTIMEO; throws EAGAIN when it passes with nothing received. */
    static native long recv(int fd, ByteBuffer buffer, long length, int flags) throws LastErrorException;

    /**
     * {@code recvfrom} without the source address, used as a non-throwing {@code recv}: with
     * {@link #MSG_DONTWAIT} it returns -1 at once when nothing is queued, and a busy poll must not build an
     * exception each time.
     */
    static native long recvfrom(int fd, ByteBuffer buffer, long length, int flags, ByteBuffer address,
            ByteBuffer addressLength);

    static native long send(int fd, ByteBuffer buffer, long length, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int if_nametoindex(String name) throws LastErrorException;
}
