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
        try (BgpSpeaker speaker = new BgpSpeaker(Map.of(), BgpCounters.NONE, () -> IpAddress.parse("10.0.0.9"))) {
            speaker.apply(config, Set.of(pending, failed));
            Map<Announcement, AnnouncementStatus> status = speaker.status(config, Set.of(pending, failed));
            assertThat(status.get(pending).state()).isEqualTo(AnnouncementStatus.State.PENDING);
            assertThat(status.get(failed).state()).isEqualTo(AnnouncementStatus.State.FAILED);
        }
    }
}
