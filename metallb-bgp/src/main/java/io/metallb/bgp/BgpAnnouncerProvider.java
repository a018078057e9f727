package io.metallb.bgp;

import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;
import io.metallb.bgp.speaker.SpeakerOptions;
import java.nio.file.Path;
import java.util.Optional;

/** Provides the {@code bgp} protocol to the speaker through {@link java.util.ServiceLoader}. */
public final class BgpAnnouncerProvider implements AnnouncerProvider {

    /**
     * Announcer option: a file that marks that a speaker ran on this node since it booted ({@link RestartMarker}).
     * When it is there at start, the first OPEN to each peer with graceful restart sets RFC 4724's Restart State
     * bit and the Forwarding State bits: the node kept forwarding while the speaker was away. The DaemonSet puts it
     * on a hostPath under /run, which the node empties when it boots. Without the option no OPEN sets them.
     */
    public static final String RESTART_MARKER_OPTION = "bgp.restart-marker";

    @Override
    public String protocol() {
        return "bgp";
    }

    @Override
    public Announcer create(AnnouncerContext context) {
        boolean restarted = Optional.ofNullable(context.options().get(RESTART_MARKER_OPTION)).map(String::strip)
                .filter(p -> !p.isEmpty()).map(p -> RestartMarker.restarted(Path.of(p))).orElse(false);
        return BgpAnnouncer.create(context, BgpCounters.reportingTo(context.metrics()),
                SpeakerOptions.DEFAULT.withRestarted(restarted));
    }
}
