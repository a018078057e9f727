package io.metallb.l2.internal.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.metallb.api.net.IpAddress;
import io.metallb.l2.wire.MacAddress;
import io.metallb.l2.wire.ArpOperation;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrame;
import io.metallb.l2.wire.EthernetFrameEncoder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Optional;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ARP and NDP answered inside the kernel on one interface: {@link NeighborReplyProgram} attached at the interface's tcx
 * ingress hook (Linux 6.6) through a BPF link, and a hash map of the IPv4 addresses it answers for. The link is a
 * file descriptor of this process, so the program is detached when the responder closes and also when the process
 * dies, however it dies: nothing is pinned and nothing is left on the interface.
 *
 * <p>Loading needs CAP_BPF and CAP_NET_ADMIN (or CAP_SYS_ADMIN). {@link #open} reports every reason it cannot
 * work, so the caller falls back to answering in user space. Not thread-safe: one thread (the announcer's) owns it.
 */
public final class KernelNeighborResponder implements AutoCloseable {

    /** At most this many owned IPv4 addresses per interface. */
    static final int MAX_ADDRESSES = 65_536;

    private final String interfaceName;
    private final int mapFd;
    /** The IPv6 addresses answered (neighbour solicitations of the usual shape, see {@link KernelNdpShape}). */
    private final int map6Fd;
    private final int progFd;
    /** The BPF link holding the program on the interface; -1 while unattached. */
    private int linkFd = -1;
    private final byte[] mac;
    /** What the map holds; the announcer's thread only. */
    private final Set<IpAddress> owned = new HashSet<>();
    private final Map<IpAddress, Long> reported = new HashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private static final int TC_ACT_REDIRECT = 7;
    private static final int TCX_NEXT = -1;

    private KernelNeighborResponder(String interfaceName, int mapFd, int map6Fd, int progFd, MacAddress mac) {
        this.interfaceName = interfaceName;
        this.mapFd = mapFd;
        this.map6Fd = map6Fd;
        this.progFd = progFd;
        this.mac = new byte[6];
        mac.write(this.mac, 0);
    }

    /** Why a responder could not be attached; the caller logs it and answers in user space. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Attaches a responder (answering for nothing yet) to {@code interfaceName}, answering with {@code mac}.
     *
     * @throws Unavailable naming the reason: an architecture without a known bpf(2) number, no CAP_BPF, a kernel
     *     without tcx (before 6.6), no such interface, or a verifier rejection (with the verifier's log)
     */
    public static KernelNeighborResponder open(String interfaceName, MacAddress mac) throws Unavailable {
        if (!BpfSyscalls.supported()) {
            throw new Unavailable("bpf(2) is not known on " + System.getProperty("os.arch"), null);
        }
        int ifindex;
        try {
            ifindex = BpfSyscalls.if_nametoindex(interfaceName);
        } catch (LastErrorException e) {
            throw new Unavailable("no interface named " + interfaceName, e);
        }
        KernelNeighborResponder loaded = load(interfaceName, mac);
        try {
            loaded.selfTest();
            loaded.linkFd = BpfSyscalls.linkCreate(loaded.progFd, ifindex, BpfSyscalls.BPF_TCX_INGRESS);
            return loaded;
        } catch (LastErrorException e) {
            loaded.close();
            throw new Unavailable("attaching at tcx ingress of " + interfaceName + ": " + why(e), e);
        } catch (IllegalStateException e) {
            loaded.close();
            throw new Unavailable(e.getMessage(), e);
        }
    }

    /**
     * The map and the program, attached nowhere: {@link #answer} shows what the program does with a frame. For
     * checks and tests.
     */
    public static KernelNeighborResponder unattached(MacAddress mac) throws Unavailable {
        if (!BpfSyscalls.supported()) {
            throw new Unavailable("bpf(2) is not known on " + System.getProperty("os.arch"), null);
        }
        return load("(unattached)", mac);
    }

    private static KernelNeighborResponder load(String interfaceName, MacAddress mac) throws Unavailable {
        Objects.requireNonNull(mac, "mac");
        int map = -1;
        int map6 = -1;
        try {
            map = BpfSyscalls.mapCreate(BpfSyscalls.BPF_MAP_TYPE_HASH, NeighborReplyProgram.KEY_SIZE,
                    NeighborReplyProgram.VALUE_SIZE, MAX_ADDRESSES, "metallb_arp");
            map6 = BpfSyscalls.mapCreate(BpfSyscalls.BPF_MAP_TYPE_HASH, 16, NeighborReplyProgram.VALUE_SIZE,
                    MAX_ADDRESSES, "metallb_ndp");
            int prog = BpfSyscalls.progLoad(BpfSyscalls.BPF_PROG_TYPE_SCHED_CLS, BpfSyscalls.BPF_TCX_INGRESS,
                    NeighborReplyProgram.instructions(map, map6), "metallb_arp");
            return new KernelNeighborResponder(interfaceName, map, map6, prog, mac);
        } catch (LastErrorException e) {
            closeQuietly(map);
            closeQuietly(map6);
            throw new Unavailable((map < 0 ? "creating the map" : "loading the program") + " for " + interfaceName
                    + ": " + why(e), e);
        } catch (IllegalStateException e) {
            closeQuietly(map);
            closeQuietly(map6);
            throw new Unavailable(e.getMessage(), e);
        }
    }

    private static String why(LastErrorException e) {
        return switch (e.getErrorCode()) {
            case BpfSyscalls.EPERM -> "no permission (the speaker needs CAP_BPF and CAP_NET_ADMIN)";
            case BpfSyscalls.EINVAL -> "not supported by this kernel (tcx needs Linux 6.6)";
            default -> "errno " + e.getErrorCode();
        };
    }

    /**
     * Before attaching: the loaded program must turn a request for an owned address into exactly the reply the
     * user-space responder would send, and leave a request for another address alone. Uses 0.0.0.0, which no
     * request asks for, as the owned address, and removes it again.
     */
    private void selfTest() {
        IpAddress probe = IpAddress.parse("0.0.0.0");
        IpAddress other = IpAddress.parse("0.0.0.1");
        MacAddress requester = MacAddress.parse("02:00:00:00:00:01");
        IpAddress requesterIp = IpAddress.parse("0.0.0.2");
        Memory value = new Memory(NeighborReplyProgram.VALUE_SIZE);
        value.clear();
        value.write(0, mac, 0, 6);
        BpfSyscalls.mapUpdate(mapFd, key(probe), value);
        try {
            byte[] reply = answer(request(requester, requesterIp, probe)).orElseThrow(() ->
                    new IllegalStateException("self-test: the kernel ARP responder did not answer"));
            byte[] expected = EthernetFrameEncoder.encode(EthernetFrame.of(requester, MacAddress.read(mac, 0),
                    new ArpPacket(ArpOperation.REPLY, MacAddress.read(mac, 0), probe, requester, requesterIp)));
            if (!Arrays.equals(Arrays.copyOf(reply, expected.length), expected)) {
                throw new IllegalStateException("self-test: the kernel ARP responder's reply differs from the "
                        + "user-space one");
            }
            if (answer(request(requester, requesterIp, other)).isPresent()) {
                throw new IllegalStateException("self-test: the kernel ARP responder answered for an address "
                        + "not owned");
            }
        } finally {
            BpfSyscalls.mapDelete(mapFd, key(probe));
        }
    }

    private static byte[] request(MacAddress from, IpAddress fromIp, IpAddress target) {
        return EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, from,
                new ArpPacket(ArpOperation.REQUEST, from, fromIp, MacAddress.ZERO, target)));
    }

    /**
     * What the program does with {@code frame}: the frame it sends back out of the interface, or empty when it
     * lets the frame go on to the stack. Counts an answer like a real one.
     */
    public Optional<byte[]> answer(byte[] frame) {
        BpfSyscalls.TestRun run = BpfSyscalls.testRun(progFd, frame);
        if (run.retval() == TC_ACT_REDIRECT) {
            return Optional.of(run.packet());
        }
        if (run.retval() != TCX_NEXT) {
            throw new IllegalStateException("the ARP responder program returned " + run.retval());
        }
        return Optional.empty();
    }

    public String interfaceName() {
        return interfaceName;
    }

    /**
     * Makes the maps hold exactly {@code addresses}: removals first, so a lost address is not answered from the
     * moment this returns.
     */
    public void own(Set<IpAddress> addresses) {
        Set<IpAddress> next = Set.copyOf(addresses);
        for (IpAddress gone : Set.copyOf(owned)) {
            if (!next.contains(gone)) {
                BpfSyscalls.mapDelete(mapFor(gone), key(gone));
                owned.remove(gone);
                reported.remove(gone);
            }
        }
        for (IpAddress gained : next) {
            if (!owned.contains(gained)) {
                if (owned.size() >= MAX_ADDRESSES) {
                    throw new IllegalStateException("more than " + MAX_ADDRESSES + " IPv4 addresses on "
                            + interfaceName);
                }
                Memory value = new Memory(NeighborReplyProgram.VALUE_SIZE);
                value.clear();
                value.write(0, mac, 0, 6);
                BpfSyscalls.mapUpdate(mapFor(gained), key(gained), value);
                owned.add(gained);
                reported.put(gained, 0L);
            }
        }
    }

    /** The addresses answered here. */
    public Set<IpAddress> owned() {
        return Set.copyOf(owned);
    }

    /**
     * Requests answered per owned address since the previous call (only addresses with new answers): the
     * counters live in the map, this turns them into increments for {@code MetricSink}.
     */
    public Map<IpAddress, Long> answeredSinceLastCall() {
        Map<IpAddress, Long> out = new HashMap<>();
        Memory value = new Memory(NeighborReplyProgram.VALUE_SIZE);
        for (IpAddress a : owned) {
            if (BpfSyscalls.mapLookup(mapFor(a), key(a), value)) {
                long now = value.getLong(NeighborReplyProgram.VALUE_COUNTER);
                long before = reported.getOrDefault(a, 0L);
                if (now > before) {
                    out.put(a, now - before);
                    reported.put(a, now);
                }
            }
        }
        return out;
    }

    private int mapFor(IpAddress a) {
        return a.isV4() ? mapFd : map6Fd;
    }

    private static Memory key(IpAddress a) {
        byte[] bytes = a.toBytes();
        Memory key = new Memory(bytes.length);
        key.write(0, bytes, 0, bytes.length);
        return key;
    }

    /** Detaches the program and frees the map (closing the link detaches; the others free on their last close). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(linkFd);
            closeQuietly(progFd);
            closeQuietly(mapFd);
            closeQuietly(map6Fd);
        }
    }

    private static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                BpfSyscalls.close(fd);
            } catch (LastErrorException e) {
                // Already gone: nothing to release.
            }
        }
    }
}
