package io.metallb.l2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpAddress;
import io.metallb.api.node.L2Election;
import io.metallb.l2.wire.ArpOperation;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrame;
import io.metallb.l2.wire.EthernetFrameDecoder;
import io.metallb.l2.wire.FrameDecoding;
import io.metallb.l2.wire.FrameDropReason;
import io.metallb.l2.wire.NdpPacket;
import io.metallb.l2.wire.NeighborAdvertisement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three speakers, one per node namespace, on a bridged segment with a client: the client's arping and ndisc6
 * see the elected owner's MAC, unowned addresses stay silent, excluded interfaces and bridge members never
 * answer, a shared address answers from one node, and when the owner dies its successor's gratuitous ARP /
 * unsolicited NA moves the client's neighbour entries without the client flushing anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Layer2NamespaceIT {

    private static final Pattern ARP_REPLY = Pattern.compile("reply from \\S+ \\[([0-9A-Fa-f:]{17})\\]");
    private static final Pattern NDP_REPLY = Pattern.compile("Target link-layer address: ([0-9A-Fa-f:]{17})");
    private static final Duration SPEAKER_START = Duration.ofSeconds(30);

    static final IpAddress V4 = IpAddress.parse("198.51.100.50");
    static final IpAddress SHARED = IpAddress.parse("198.51.100.51");
    static IpAddress v6;
    static NamespaceRig rig;
    static final Map<String, SpeakerProcess> speakers = new LinkedHashMap<>();
    static final Map<String, String> eth0 = new LinkedHashMap<>();
    static final Map<String, String> excl0 = new LinkedHashMap<>();
    /** MACs of the bridge members (mbr0) and their local bridges (exclbr0), which must never answer. */
    static final Map<String, String> members = new LinkedHashMap<>();
    static final Map<String, String> ownedLines = new LinkedHashMap<>();

    @BeforeAll
    static void startSpeakers() throws Exception {
        Prerequisites.require();
        NamespaceRig.removeLeftovers();
        rig = new NamespaceRig(3);
        List<String> nodes = List.copyOf(rig.nodes.keySet());
        // An IPv6 address with the same owner as V4, so the failover test moves both families.
        String v4Owner = owner(V4, nodes);
        for (int i = 0x50; v6 == null; i++) {
            IpAddress candidate = IpAddress.parse("2001:db8::" + Integer.toHexString(i));
            if (owner(candidate, nodes).equals(v4Owner)) {
                v6 = candidate;
            }
        }
        for (Map.Entry<String, String> n : rig.nodes.entrySet()) {
            eth0.put(n.getKey(), NamespaceRig.mac(n.getValue(), "eth0"));
            excl0.put(n.getKey(), NamespaceRig.mac(n.getValue(), "excl0"));
            rig.addBridgeMember(n.getValue());
            members.put(n.getKey() + "/mbr0", NamespaceRig.mac(n.getValue(), "mbr0"));
            members.put(n.getKey() + "/exclbr0", NamespaceRig.mac(n.getValue(), "exclbr0"));
            speakers.put(n.getKey(), new SpeakerProcess(n.getValue(), List.of("--node", n.getKey(),
                    "--live", String.join(",", nodes), "--exclude", "excl.*", "--reannounce-seconds", "0",
                    "--service", "default/v4=" + V4, "--service", "default/v6=" + v6,
                    "--service", "default/shared-a=" + SHARED, "--service", "default/shared-b=" + SHARED)));
        }
        for (Map.Entry<String, SpeakerProcess> s : speakers.entrySet()) {
            ownedLines.put(s.getKey(), s.getValue().await("owned ", SPEAKER_START));
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            for (SpeakerProcess s : speakers.values()) {
                s.close();
            }
        } finally {
            if (rig != null) {
                rig.close();
            }
        }
    }

    static String owner(IpAddress ip, List<String> live) {
        return L2Election.owner(ip, live).orElseThrow();
    }

    static List<String> live() {
        List<String> out = new ArrayList<>();
        speakers.forEach((n, s) -> {
            if (s.isAlive()) {
                out.add(n);
            }
        });
        return out;
    }

    /** MACs of every ARP reply the client's arping saw, in order (duplicates included). */
    static List<String> arping(IpAddress ip, int count) {
        String out = Commands.inNs(rig.client, Duration.ofSeconds(count + 5), "arping", "-c", String.valueOf(count),
                "-w", String.valueOf(count + 1), "-I", "eth0", ip.toString()).output();
        return macs(ARP_REPLY, out);
    }

    static List<String> ndisc6(IpAddress ip) {
        String out = Commands.inNs(rig.client, Duration.ofSeconds(10), "ndisc6", "-1", "-r", "3", "-w", "1000",
                ip.toString(), "eth0").output();
        return macs(NDP_REPLY, out);
    }

    private static List<String> macs(Pattern p, String out) {
        List<String> macs = new ArrayList<>();
        Matcher m = p.matcher(out);
        while (m.find()) {
            macs.add(m.group(1).toLowerCase());
        }
        return macs;
    }

    @Test
    @Order(1)
    void clientArpingSeesTheOwnersMac() throws Exception {
        assertThat(arping(V4, 3)).hasSize(3).containsOnly(eth0.get(owner(V4, live())));
        // By default the owner's kernel answers (its tcx program), and its user-space responder does not.
        String counters = speakers.get(owner(V4, live())).counters();
        assertThat(SpeakerProcess.counter(counters, "kernel-replies")).as(counters).isGreaterThanOrEqualTo(3);
        assertThat(SpeakerProcess.counter(counters, "replies")).as(counters).isZero();
    }

    @Test
    @Order(2)
    void clientNdisc6SeesTheOwnersMac() throws Exception {
        assertThat(ndisc6(v6)).containsExactly(eth0.get(owner(v6, live())));
        // ndisc6's solicitation has the usual shape: the owner's kernel answered it, its user space skipped it.
        String counters = speakers.get(owner(v6, live())).counters();
        assertThat(SpeakerProcess.counter(counters, "drop.ANSWERED_IN_KERNEL")).as(counters).isGreaterThanOrEqualTo(1);
        assertThat(SpeakerProcess.counter(counters, "replies")).as(counters).isZero();
    }

    @Test
    @Order(3)
    void sharedAddressAnswersFromOneNodeOnly() {
        // Three requests, three replies: a second node answering would show up as extra replies.
        assertThat(arping(SHARED, 3)).hasSize(3).containsOnly(eth0.get(owner(SHARED, live())));
    }

    @Test
    @Order(4)
    void unownedAddressesGetNoReply() {
        assertThat(arping(IpAddress.parse("198.51.100.99"), 2)).isEmpty();
        assertThat(ndisc6(IpAddress.parse("2001:db8::99"))).isEmpty();
    }

    @Test
    @Order(5)
    void excludedInterfacesAndBridgeMembersNeverAnswer() {
        List<String> seen = new ArrayList<>(arping(V4, 2));
        seen.addAll(arping(SHARED, 2));
        seen.addAll(ndisc6(v6));
        assertThat(seen).isNotEmpty().doesNotContainAnyElementsOf(excl0.values())
                .doesNotContainAnyElementsOf(members.values());
        // mbr0 is up, broadcast-capable and hears the client: only the member rule keeps the speakers off it.
        assertThat(ownedLines.values()).allSatisfy(line -> assertThat(line).doesNotContain("mbr0"))
                .anySatisfy(line -> assertThat(line).contains("on [eth0]"));
    }

    @Test
    @Order(6)
    void ourRepliesHaveTheShapeOfTheKernelsOwnCapturedOnTheClient() throws Exception {
        String kernelNode = owner(V4, live()).equals("node-1") ? "node-2" : "node-1";
        IpAddress kernelV4 = IpAddress.parse("198.51.100." + (10 + Integer.parseInt(kernelNode.substring(5))));
        IpAddress kernelV6 = IpAddress.parse("2001:db8::" + (10 + Integer.parseInt(kernelNode.substring(5))));
        List<byte[]> frames = TcpdumpCapture.during(rig.client, () -> {
            arping(kernelV4, 1);
            arping(V4, 1);
            ndisc6(kernelV6);
            ndisc6(v6);
        }, captured -> replies(captured) >= 4); // the four answers are in the file
        String clientMac = NamespaceRig.mac(rig.client, "eth0");
        ArpPacket kernelResponder = arpReplyFor(frames, kernelV4);
        ArpPacket ourArp = arpReplyFor(frames, V4);
        assertThat(ourArp.targetMac()).isEqualTo(kernelResponder.targetMac()).hasToString(clientMac);
        assertThat(ourArp.targetIp()).isEqualTo(kernelResponder.targetIp());
        assertThat(ourArp.senderMac()).hasToString(eth0.get(owner(V4, live())));
        NeighborAdvertisement kernelNa = naFor(frames, kernelV6);
        NeighborAdvertisement ourNa = naFor(frames, v6);
        assertThat(List.of(ourNa.router(), ourNa.solicited(), ourNa.override()))
                .isEqualTo(List.of(kernelNa.router(), kernelNa.solicited(), kernelNa.override()));
        assertThat(ourNa.targetLinkAddress().map(Object::toString)).contains(eth0.get(owner(v6, live())));
    }

    private static long replies(List<byte[]> frames) {
        return frames.stream().map(EthernetFrameDecoder::decode).filter(d -> d instanceof FrameDecoding.Decoded ok
                && (ok.frame().payload() instanceof ArpPacket a ? a.operation() == ArpOperation.REPLY
                        : ((NdpPacket) ok.frame().payload()).message() instanceof NeighborAdvertisement)).count();
    }

    private static ArpPacket arpReplyFor(List<byte[]> frames, IpAddress ip) {
        return decoded(frames).stream().filter(f -> f.payload() instanceof ArpPacket a
                && a.operation() == ArpOperation.REPLY && a.senderIp().equals(ip)).map(f -> (ArpPacket) f.payload())
                .findFirst().orElseThrow(() -> new AssertionError("no ARP reply for " + ip + " captured"));
    }

    private static NeighborAdvertisement naFor(List<byte[]> frames, IpAddress ip) {
        return decoded(frames).stream().filter(f -> f.payload() instanceof NdpPacket p
                && p.message() instanceof NeighborAdvertisement na && na.target().equals(ip))
                .map(f -> (NeighborAdvertisement) ((NdpPacket) f.payload()).message()).findFirst()
                .orElseThrow(() -> new AssertionError("no NA for " + ip + " captured"));
    }

    /** Every captured ARP/NDP frame must decode: the kernel's, ndisc6's, arping's and ours. */
    private static List<EthernetFrame> decoded(List<byte[]> frames) {
        List<EthernetFrame> out = new ArrayList<>();
        for (byte[] f : frames) {
            FrameDecoding d = EthernetFrameDecoder.decode(f);
            if (d instanceof FrameDecoding.Decoded ok) {
                out.add(ok.frame());
            } else {
                assertThat(((FrameDecoding.Dropped) d).reason()).as(((FrameDecoding.Dropped) d).detail())
                        .isIn(FrameDropReason.NOT_ICMPV6, FrameDropReason.NOT_NDP);
            }
        }
        return out;
    }

    @Test
    @Order(7)
    void whenTheOwnerDiesItsSuccessorsGratuitousFramesMoveTheClientsNeighbourEntries() throws Exception {
        String old = owner(V4, live());
        populateNeighbour(V4, "198.51.100.50");
        populateNeighbour(v6, v6.toString());
        awaitNeighbour(V4, eth0.get(old));
        awaitNeighbour(v6, eth0.get(old));

        speakers.get(old).kill();
        List<String> rest = live();
        String successor = owner(V4, rest);
        assertThat(owner(v6, rest)).isEqualTo(successor);
        for (String n : rest) {
            speakers.get(n).send("live " + String.join(",", rest));
            speakers.get(n).await("owned ", Duration.ofSeconds(10));
        }
        // No flush, no new request from the client: only the unsolicited frames can change these entries.
        awaitNeighbour(V4, eth0.get(successor));
        awaitNeighbour(v6, eth0.get(successor));
        assertThat(arping(V4, 1)).containsExactly(eth0.get(successor));
    }

    @Test
    @Order(8)
    void withTheKernelResponderOffUserSpaceAnswersArpAndTheOldOwnersProgramIsGone() throws Exception {
        List<String> nodes = List.copyOf(rig.nodes.keySet());
        String dead = nodes.stream().filter(n -> !speakers.get(n).isAlive()).findFirst().orElseThrow();
        speakers.put(dead, new SpeakerProcess(rig.nodes.get(dead), List.of("--node", dead, "--live",
                String.join(",", nodes), "--exclude", "excl.*", "--reannounce-seconds", "0", "--kernel-responder", "off",
                "--service", "default/v4=" + V4, "--service", "default/v6=" + v6)));
        speakers.get(dead).await("owned ", SPEAKER_START);
        for (String n : nodes) {
            if (!n.equals(dead)) {
                speakers.get(n).send("live " + String.join(",", nodes));
                speakers.get(n).await("owned ", Duration.ofSeconds(10));
            }
        }
        assertThat(owner(V4, nodes)).isEqualTo(dead);
        // One answer per request, from the restarted owner: neither its killed process's program nor the
        // interim owner's answers any more.
        assertThat(arping(V4, 3)).hasSize(3).containsOnly(eth0.get(dead));
        String counters = speakers.get(dead).counters();
        assertThat(SpeakerProcess.counter(counters, "replies")).as(counters).isGreaterThanOrEqualTo(3);
        assertThat(SpeakerProcess.counter(counters, "kernel-replies")).as(counters).isZero();
    }

    /** Makes the client's kernel resolve {@code ip} by sending it one UDP datagram. */
    private static void populateNeighbour(IpAddress ip, String literal) {
        Commands.inNs(rig.client, Duration.ofSeconds(5), "bash", "-c", "echo x > /dev/udp/" + literal + "/9");
    }

    /** Polls the client's neighbour table until {@code ip} maps to {@code mac}; fails after 10 s. */
    private static void awaitNeighbour(IpAddress ip, String mac) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = Commands.inNs(rig.client, Duration.ofSeconds(5), "ip", "neigh", "show", ip.toString(), "dev",
                    "eth0").output().trim();
            if (last.contains("lladdr " + mac)) {
                return;
            }
            Thread.sleep(50); // poll interval, bounded by the deadline above
        }
        throw new AssertionError("client's neighbour entry for " + ip + " is \"" + last + "\" (expected: lladdr "
                + mac + ")" + new TreeSet<>(eth0.entrySet().stream().map(Object::toString).toList()));
    }
}
