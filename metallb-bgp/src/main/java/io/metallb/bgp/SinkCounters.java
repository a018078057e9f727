package io.metallb.bgp;

import io.metallb.api.spi.MetricSink;
import java.util.Map;

/** {@link BgpCounters} reported to the speaker's {@link MetricSink} under MetalLB's series names. */
record SinkCounters(MetricSink sink) implements BgpCounters {

    @Override
    public void sessionUp(String peer, boolean up) {
        sink.set("metallb_bgp_session_up", Map.of("peer", peer), up ? 1 : 0);
    }

    @Override
    public void updatesSent(String peer, int count) {
        sink.add("metallb_bgp_updates_total", Map.of("peer", peer), count);
    }

    @Override
    public void prefixesAnnounced(String peer, int count) {
        sink.set("metallb_bgp_announced_prefixes_total", Map.of("peer", peer), count);
    }

    @Override
    public void pendingPrefixes(String peer, int count) {
        sink.set("metallb_bgp_pending_prefixes_total", Map.of("peer", peer), count);
    }
}
