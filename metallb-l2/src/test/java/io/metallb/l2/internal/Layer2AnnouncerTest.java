package io.metallb.l2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.Config;
import io.metallb.api.config.L2Advertisement;
import io.metallb.api.net.IpAddress;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.l2.channel.InMemoryPacketChannel;
import io.metallb.l2.wire.ArpOperation;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrameDecoder;
import io.metallb.l2.wire.FrameDecoding;
import io.metallb.l2.wire.MacAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Layer2AnnouncerTest {

    static final IpAddress CLIENT_IP = IpAddress.parse("198.51.100.1");
    static final MacAddress CLIENT = MacAddress.parse("02:00:00:00:00:01");
    static final IpAddress V4 = IpAddress.parse("198.51.100.50");
    static final IpAddress V6 = IpAddress.parse("2001:db8::50");

    @TempDir
    Path sys;
    final Map<String, InMemoryPacketChannel> channels = new ConcurrentHashMap<>();
    Layer2Announcer announcer;

    @BeforeEach
    void start() throws IOException {
        FakeSysClassNet.standard(sys);
        Layer2Settings settings = new Layer2Settings(InterfaceScanner.patterns("excl.*"), Duration.ZERO, 5,
                Duration.ofMillis(30), Duration.ofMillis(50), sys, false, false);
        announcer = new Layer2Announcer(inMemory(channels), settings);
    }

    /** Opens in-memory channels, kept in {@code channels} by interface name. */
    static io.metallb.l2.channel.PacketChannelFactory inMemory(Map<String, InMemoryPacketChannel> channels) {
        return name -> channels.computeIfAbsent(name,
                n -> new InMemoryPacketChannel(n, new MacAddress(0x0200_0000_0000L | n.hashCode() & 0xFFFF)));
    }

    @AfterEach
    void stop() {
        announcer.close();
    }

    static Announcement announcement(String service, IpAddress ip, String... ads) {
        return new Announcement(ServiceKey.parse("default/" + service), ip, "pool", List.of(ads));
    }

    static Config config(L2Advertisement... ads) {
        return Config.of(List.of(), List.of(ads), List.of(), List.of(), List.of(), List.of());
    }

    static L2Advertisement ad(String name, String... interfaces) {
        return new L2Advertisement(name, List.of(), List.of(), List.of(), List.of(interfaces));
    }

    private static byte[] request(IpAddress target) {
        return NeighborResponderTest.arp(ArpOperation.REQUEST, CLIENT, CLIENT_IP, target);
    }

    private static Optional<ArpPacket> arpIn(byte[] frame) {
        return frame != null && EthernetFrameDecoder.decode(frame) instanceof FrameDecoding.Decoded d
                && d.frame().payload() instanceof ArpPacket a ? Optional.of(a) : Optional.empty();
    }

    @Test
    void answersOnEveryEligibleInterfaceButExcludedOnes() throws Exception {
        announcer.apply(config(ad("all")), Set.of(announcement("a", V4, "all")));
        assertThat(channels).containsOnlyKeys("eth0", "eth1");
        channels.get("eth0").drainSent();
        channels.get("eth0").inject(request(V4));
        assertThat(channels.get("eth0").drainSent().stream().map(Layer2AnnouncerTest::arpIn).flatMap(Optional::stream)
                .filter(a -> a.operation() == ArpOperation.REPLY && a.targetMac().equals(CLIENT))).hasSize(1);
        assertThat(announcer.status()).containsValue(
                new AnnouncementStatus(AnnouncementStatus.State.ANNOUNCED, "on [eth0, eth1]",
                        List.of("eth0", "eth1")));
    }

    @Test
    void advertisementInterfacesRestrictAndExclusionsStillWin() {
        announcer.apply(config(ad("one", "eth1", "excl0")), Set.of(announcement("a", V4, "one")));
        assertThat(channels).containsOnlyKeys("eth1");
        announcer.apply(config(ad("none", "excl0", "noarp0")), Set.of(announcement("a", V4, "none")));
        assertThat(announcer.status().values()).extracting(AnnouncementStatus::state)
                .containsExactly(AnnouncementStatus.State.FAILED);
        assertThat(channels.get("eth1").isClosed()).isTrue();
    }

    @Test
    void gratuitousBurstIsBoundedToFiveRoundsOfRequestAndReply() throws Exception {
        announcer.apply(config(ad("one", "eth0")), Set.of(announcement("a", V4, "one")));
        InMemoryPacketChannel eth0 = channels.get("eth0");
        List<ArpPacket> seen = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (seen.size() < 10 && System.nanoTime() < deadline) {
            arpIn(eth0.nextSent(100)).ifPresent(seen::add);
        }
        assertThat(seen).hasSize(10).allMatch(a -> a.senderIp().equals(V4) && a.targetIp().equals(V4));
        assertThat(eth0.nextSent(300)).as("nothing after the fifth round").isNull();
        announcer.apply(config(ad("one", "eth0")), Set.of(announcement("a", V4, "one")));
        assertThat(eth0.nextSent(100)).as("re-applying the same set re-sends nothing").isNull();
    }

    @Test
    void losingAnAddressStopsAnswersAtOnceAndCountsTheDrop() throws Exception {
        Config config = config(ad("one", "eth0"));
        announcer.apply(config, Set.of(announcement("a", V4, "one"), announcement("b", V6, "one")));
        announcer.apply(config, Set.of(announcement("b", V6, "one")));
        InMemoryPacketChannel eth0 = channels.get("eth0");
        eth0.drainSent();
        eth0.inject(request(V4));
        assertThat(eth0.drainSent().stream().map(Layer2AnnouncerTest::arpIn).flatMap(Optional::stream)
                .filter(a -> a.operation() == ArpOperation.REPLY && a.targetMac().equals(CLIENT))).isEmpty();
        assertThat(announcer.counters()).containsEntry("drop.NOT_OWNED", 1L).containsEntry("replies", 0L);
    }

    @Test
    void sharedAddressIsOnePlacement() {
        announcer.apply(config(ad("one", "eth0")), Set.of(announcement("a", V4, "one"), announcement("b", V4, "one")));
        assertThat(announcer.status()).hasSize(2);
        channels.get("eth0").inject(request(V4));
        assertThat(announcer.counters()).containsEntry("replies", 1L);
    }

    @Test
    void interfacesAreRescannedWithoutWaitingForTheNextApply() throws Exception {
        announcer.apply(config(ad("all")), Set.of(announcement("a", V4, "all")));
        assertThat(channels).containsOnlyKeys("eth0", "eth1");
        FakeSysClassNet.add(sys, "eth2", InterfaceScanner.IFF_UP | InterfaceScanner.IFF_BROADCAST, "up", false);
        FakeSysClassNet.add(sys, "eth1", InterfaceScanner.IFF_BROADCAST, "down", false);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        // The status is published after the channels change: wait for both (a loaded machine showed the gap).
        while ((!channels.containsKey("eth2") || !channels.get("eth1").isClosed()
                || !announcer.status().values().stream().map(AnnouncementStatus::detail).toList()
                        .equals(java.util.List.of("on [eth0, eth2]"))) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(channels.get("eth1").isClosed()).isTrue();
        assertThat(channels.get("eth2").isClosed()).isFalse();
        assertThat(announcer.status().values()).extracting(AnnouncementStatus::detail).containsExactly("on [eth0, eth2]");
    }

    @Test
    void sendFailuresAreCountedAndAnsweringGoesOn() throws Exception {
        announcer.apply(config(ad("one", "eth0")), Set.of(announcement("a", V4, "one")));
        InMemoryPacketChannel eth0 = channels.get("eth0");
        eth0.failSends(true);
        eth0.inject(request(V4));
        // The reply failed inside inject; wait until a gratuitous burst round (every 30 ms) has failed too.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (eth0.refusedSends() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(eth0.refusedSends()).as("a burst round also met the failing interface").isGreaterThanOrEqualTo(2);
        eth0.failSends(false);
        eth0.drainSent();
        eth0.inject(request(V4));
        assertThat(announcer.counters()).containsEntry("send-failures", 1L).containsEntry("replies", 1L);
        assertThat(eth0.drainSent().stream().map(Layer2AnnouncerTest::arpIn).flatMap(Optional::stream)
                .filter(a -> a.operation() == ArpOperation.REPLY && a.targetMac().equals(CLIENT))).hasSize(1);
    }

    @Test
    void closeWithdrawsEverything() {
        announcer.apply(config(ad("one", "eth0")), Set.of(announcement("a", V4, "one")));
        announcer.close();
        assertThat(channels.get("eth0").isClosed()).isTrue();
        assertThat(announcer.status()).isEmpty();
    }
}
