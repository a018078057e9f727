package io.metallb.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.spi.AnnouncerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bgp.restart-marker} announcer option: the first speaker on a node starts as after a boot, the next
 * one (the marker is there) as restarted, whose first OPENs set the Restart State bit (SpeakerOptionsTest checks
 * the bits, FrrListenIT that FRR reads them).
 */
class RestartMarkerTest {

    @TempDir
    Path dir;

    @Test
    void theFirstSpeakerSinceBootWritesTheMarkerAndTheNextOneHasRestarted() throws Exception {
        Path marker = dir.resolve("run/metallb/speaker-started");
        assertThat(restarted(Map.of(BgpAnnouncerProvider.RESTART_MARKER_OPTION, marker.toString()))).isFalse();
        assertThat(marker).isRegularFile();
        assertThat(restarted(Map.of(BgpAnnouncerProvider.RESTART_MARKER_OPTION, marker.toString()))).isTrue();
        assertThat(restarted(Map.of(BgpAnnouncerProvider.RESTART_MARKER_OPTION, " " + marker + " "))).isTrue();
        // The node rebooted: /run is empty again.
        Files.delete(marker);
        assertThat(restarted(Map.of(BgpAnnouncerProvider.RESTART_MARKER_OPTION, marker.toString()))).isFalse();
    }

    @Test
    void withoutTheOptionNoSpeakerHasRestarted() {
        assertThat(restarted(Map.of())).isFalse();
        assertThat(restarted(Map.of(BgpAnnouncerProvider.RESTART_MARKER_OPTION, " "))).isFalse();
    }

    @Test
    void aMarkerThatCannotBeWrittenStartsTheSpeakerAsAfterABoot() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path marker = file.resolve("speaker-started");
        assertThat(restarted(Map.of(BgpAnnouncerProvider.RESTART_MARKER_OPTION, marker.toString()))).isFalse();
        assertThat(restarted(Map.of(BgpAnnouncerProvider.RESTART_MARKER_OPTION, marker.toString()))).isFalse();
    }

    private static boolean restarted(Map<String, String> options) {
        BgpAnnouncer announcer = (BgpAnnouncer) new BgpAnnouncerProvider().create(new AnnouncerContext("n1",
                Map.of(), options));
        try {
            return announcer.options().restarted();
        } finally {
            announcer.close();
        }
    }
}
