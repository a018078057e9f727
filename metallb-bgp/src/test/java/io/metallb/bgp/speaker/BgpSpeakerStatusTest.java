package io.metallb.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpAdvertisement;
import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.bgp.BgpCounters;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Status without a router: a peer nobody answers for is PENDING, an announcement no peer selects FAILED. */
class BgpSpeakerStatusTest {

    @Test
    void pendingWithoutSessionAndFailedWithoutPeer() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // closed again at once: connections to it are refused
        }
        BgpPeer peer = new BgpPeer("nobody", 64512, OptionalLong.of(64513), Optional.empty(),
                IpAddress.parse("127.0.0.1"), Optional.empty(), closedPort, Duration.ofSeconds(90),
                Duration.ofSeconds(30), Optional.of(Duration.ofSeconds(1)), Optional.of(IpAddress.parse("10.0.0.1")),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), false, false, Optional.empty());
        BgpAdvertisement toPeer = RoutesTest.adv("to-peer", 32, 128, OptionalLong.empty(), List.of());
        BgpAdvertisement toOther = RoutesTest.adv("to-other", 32, 128, OptionalLong.empty(), List.of("other"));
        Config config = Config.of(List.of(), List.of(), List.of(toPeer, toOther), List.of(peer), List.of(), List.of());
        Announcement pending = RoutesTest.announce("203.0.113.1", "to-peer");
        Announcement failed = RoutesTest.announce("203.0.113.2", "to-other");
        Map<String, Integer> pendingByLabel = new java.util.concurrent.ConcurrentHashMap<>();
        BgpCounters counters = new BgpCounters() {
            @Override
            public void pendingPrefixes(String label, int count) {
                pendingByLabel.put(label, count);
            }
        };
        try (BgpSpeaker speaker = new BgpSpeaker(Map.of(), counters, () -> IpAddress.parse("10.0.0.9"))) {
            speaker.apply(config, Set.of(pending, failed));
            Map<Announcement, AnnouncementStatus> status = speaker.status(config, Set.of(pending, failed));
            assertThat(status.get(pending).state()).isEqualTo(AnnouncementStatus.State.PENDING);
            assertThat(status.get(failed).state()).isEqualTo(AnnouncementStatus.State.FAILED);
            // The pending prefix is counted under MetalLB's label for the peer, address:port (not its name).
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (!pendingByLabel.containsKey("127.0.0.1:" + closedPort) && System.nanoTime() < deadline) {
                Thread.sleep(20); // poll interval
            }
            assertThat(pendingByLabel).containsEntry("127.0.0.1:" + closedPort, 1).doesNotContainKey("nobody");
        }
    }

    @Test
    void metricLabelIsMetalLbsDialAddress() {
        BgpPeer v4 = RoutesTest.peer("router-a");
        BgpPeer v6 = new BgpPeer("router-b", 64512, OptionalLong.of(64513), Optional.empty(),
                IpAddress.parse("2001:db8::1"), Optional.empty(), 1179, Duration.ofSeconds(90), Duration.ofSeconds(30),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                false, false, Optional.empty());
        assertThat(PeerSession.metricLabel(v4)).isEqualTo("198.51.100.254:179");
        assertThat(PeerSession.metricLabel(v6)).isEqualTo("[2001:db8::1]:1179");
    }
}
