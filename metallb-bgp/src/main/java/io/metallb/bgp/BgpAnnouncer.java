package io.metallb.bgp;

import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.bgp.speaker.BgpSpeaker;
import io.metallb.bgp.speaker.SpeakerOptions;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Map;
import java.util.Set;

/** The {@code bgp} announcer: BGP sessions to the configured peers, each sent only what changed. */
public final class BgpAnnouncer implements Announcer {
    private final BgpSpeaker speaker;
    private Config config = Config.EMPTY;
    private Set<Announcement> desired = Set.of();

    private BgpAnnouncer(BgpSpeaker speaker) {
        this.speaker = speaker;
    }

    /** An announcer reporting to {@code counters}; the router ID defaults to an IPv4 address of this node. */
    public static BgpAnnouncer create(AnnouncerContext context, BgpCounters counters) {
        return create(context, counters, SpeakerOptions.DEFAULT);
    }

    /** As {@link #create(AnnouncerContext, BgpCounters)}, with the speaker's {@code options}. */
    static BgpAnnouncer create(AnnouncerContext context, BgpCounters counters, SpeakerOptions options) {
        return new BgpAnnouncer(new BgpSpeaker(context.nodeLabels(), counters, BgpAnnouncer::nodeIpv4, options));
    }

    /** The options its speaker runs with. */
    SpeakerOptions options() {
        return speaker.options();
    }

    @Override
    public void apply(Config config, Set<Announcement> desired) {
        this.config = config;
        this.desired = Set.copyOf(desired);
        speaker.apply(config, this.desired);
    }

    @Override
    public Map<Announcement, AnnouncementStatus> status() {
        return speaker.status(config, desired);
    }

    @Override
    public void close() {
        speaker.close();
    }

    /** The first IPv4 address of an up, non-loopback interface; the loopback address when there is none. */
    static IpAddress nodeIpv4() {
        try {
            for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (var a : java.util.Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return IpAddress.ofBytes(a.getAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to the loopback address
        }
        return IpAddress.parse("127.0.0.1");
    }
}
