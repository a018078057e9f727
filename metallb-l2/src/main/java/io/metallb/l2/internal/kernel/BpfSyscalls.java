package io.metallb.l2.internal.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;

/**
 * The bpf(2) commands the kernel ARP responder needs, through libc's {@code syscall} bound by JNA direct mapping
 * (as {@code LinuxSockets}). Each command takes a zeroed {@code union bpf_attr} (the kernel rejects non-zero bytes
 * past the fields it knows); offsets are those of {@code <linux/bpf.h>}, checked against the header with
 * {@code offsetof} on x86-64. Every method returns a new file descriptor or throws the call's errno as
 * {@link LastErrorException}.
 */
final class BpfSyscalls {

    /** The size of {@code union bpf_attr} in Linux 6.1 headers; later kernels accept it (fields are appended). */
    static final int ATTR_SIZE = 144;
    static final int BPF_MAP_CREATE = 0;
    static final int BPF_MAP_LOOKUP_ELEM = 1;
    static final int BPF_MAP_UPDATE_ELEM = 2;
    static final int BPF_MAP_DELETE_ELEM = 3;
    static final int BPF_PROG_LOAD = 5;
    static final int BPF_PROG_TEST_RUN = 10;
    static final int BPF_LINK_CREATE = 28;
    static final int BPF_MAP_TYPE_HASH = 1;
    static final int BPF_PROG_TYPE_SCHED_CLS = 3;
    /** {@code enum bpf_attach_type}: the tcx ingress hook (Linux 6.6), after BPF_NETFILTER (45). */
    static final int BPF_TCX_INGRESS = 46;
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINVAL = 22;

    /** {@code __NR_bpf}. */
    private static final long SYS_BPF = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> 321;
        case "aarch64", "arm64" -> 280;
        default -> -1;
    };

    static {
        Native.register(BpfSyscalls.class, "c");
    }

    private BpfSyscalls() {
    }

    private static native long syscall(long number, long command, Pointer attr, long size) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int if_nametoindex(String name) throws LastErrorException;

    /** Whether this architecture's bpf(2) number is known. */
    static boolean supported() {
        return SYS_BPF > 0;
    }

    static int bpf(int command, Memory attr) {
        if (!supported()) {
            throw new LastErrorException(EINVAL);
        }
        return (int) syscall(SYS_BPF, command, attr, ATTR_SIZE);
    }

    static Memory attr() {
        Memory m = new Memory(ATTR_SIZE);
        m.clear();
        return m;
    }

    static int mapCreate(int type, int keySize, int valueSize, int maxEntries, String name) {
        Memory a = attr();
        a.setInt(0, type);
        a.setInt(4, keySize);
        a.setInt(8, valueSize);
        a.setInt(12, maxEntries);
        putName(a, 28, name);
        return bpf(BPF_MAP_CREATE, a);
    }

    static void mapUpdate(int mapFd, Memory key, Memory value) {
        bpf(BPF_MAP_UPDATE_ELEM, elem(mapFd, key, value));
        Reference.reachabilityFence(key);
        Reference.reachabilityFence(value);
    }

    /** Returns false when the key is absent. */
    static boolean mapDelete(int mapFd, Memory key) {
        boolean present = unlessAbsent(BPF_MAP_DELETE_ELEM, elem(mapFd, key, null));
        Reference.reachabilityFence(key);
        return present;
    }

    /** Copies the value of {@code key} into {@code value}; false when the key is absent. */
    static boolean mapLookup(int mapFd, Memory key, Memory value) {
        boolean present = unlessAbsent(BPF_MAP_LOOKUP_ELEM, elem(mapFd, key, value));
        Reference.reachabilityFence(key);
        Reference.reachabilityFence(value);
        return present;
    }

    /** Runs a map command; false when it failed with ENOENT (no such key). */
    private static boolean unlessAbsent(int command, Memory attr) {
        try {
            bpf(command, attr);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENOENT) {
                return false;
            }
            throw e;
        }
    }

    private static Memory elem(int mapFd, Memory key, Memory value) {
        Memory a = attr();
        a.setInt(0, mapFd);
        a.setLong(8, Pointer.nativeValue(key));
        if (value != null) {
            a.setLong(16, Pointer.nativeValue(value));
        }
        return a;
    }

    /**
     * Loads a program; on a verifier rejection the exception's message carries the verifier's log (the program is
     * loaded once more with logging on, so a load that passes costs no log buffer).
     */
    static int progLoad(int type, int expectedAttachType, byte[] instructions, String name) {
        try {
            return progLoad(type, expectedAttachType, instructions, name, null);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EPERM) {
                throw e;
            }
            Memory log = new Memory(1 << 16);
            log.clear();
            try {
                return progLoad(type, expectedAttachType, instructions, name, log);
            } catch (LastErrorException again) {
                throw new IllegalStateException("the kernel rejected the ARP responder program (errno "
                        + again.getErrorCode() + "): " + log.getString(0, StandardCharsets.US_ASCII.name()).strip(),
                        again);
            }
        }
    }

    private static int progLoad(int type, int expectedAttachType, byte[] instructions, String name, Memory log) {
        Memory insns = new Memory(instructions.length);
        insns.write(0, instructions, 0, instructions.length);
        Memory license = new Memory(8);
        license.setString(0, "GPL", StandardCharsets.US_ASCII.name());
        Memory a = attr();
        a.setInt(0, type);
        a.setInt(4, instructions.length / 8);
        a.setLong(8, Pointer.nativeValue(insns));
        a.setLong(16, Pointer.nativeValue(license));
        if (log != null) {
            a.setInt(24, 1);
            a.setInt(28, (int) log.size());
            a.setLong(32, Pointer.nativeValue(log));
        }
        putName(a, 48, name);
        a.setInt(68, expectedAttachType);
        int fd = bpf(BPF_PROG_LOAD, a);
        // The kernel read these during the call; the GC must not free them before it returns.
        Reference.reachabilityFence(insns);
        Reference.reachabilityFence(license);
        Reference.reachabilityFence(log);
        return fd;
    }

    /** Attaches {@code progFd} at {@code attachType} of interface {@code ifindex}; closing the link detaches it. */
    static int linkCreate(int progFd, int ifindex, int attachType) {
        Memory a = attr();
        a.setInt(0, progFd);
        a.setInt(4, ifindex);
        a.setInt(8, attachType);
        return bpf(BPF_LINK_CREATE, a);
    }

    /** What a program did with one packet in {@link #testRun}: its return value and the packet as it left it. */
    record TestRun(int retval, byte[] packet) {
    }

    /**
     * Runs {@code progFd} once on {@code packet} (BPF_PROG_TEST_RUN: the kernel builds a socket buffer from it,
     * runs the program and copies the packet back; helpers such as bpf_redirect only record their effect).
     */
    static TestRun testRun(int progFd, byte[] packet) {
        Memory in = new Memory(packet.length);
        in.write(0, packet, 0, packet.length);
        Memory out = new Memory(packet.length + 256L);
        out.clear();
        Memory a = attr();
        a.setInt(0, progFd);
        a.setInt(8, packet.length);
        a.setInt(12, (int) out.size());
        a.setLong(16, Pointer.nativeValue(in));
        a.setLong(24, Pointer.nativeValue(out));
        a.setInt(32, 1);
        bpf(BPF_PROG_TEST_RUN, a);
        Reference.reachabilityFence(in);
        Reference.reachabilityFence(out);
        return new TestRun(a.getInt(4), out.getByteArray(0, a.getInt(12)));
    }

    /** Object names: at most 15 characters of [A-Za-z0-9_.], NUL-terminated. */
    private static void putName(Memory a, int offset, String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        a.write(offset, b, 0, Math.min(b.length, 15));
    }
}
