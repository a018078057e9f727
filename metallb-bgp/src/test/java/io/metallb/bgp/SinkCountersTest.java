package io.metallb.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.spi.MetricSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkCountersTest {

    @Test
    void countersReachTheSinkUnderMetalLbsSeriesNamesWithLabelPeer() {
        List<String> calls = new ArrayList<>();
        BgpCounters counters = BgpCounters.reportingTo(new MetricSink() {
            @Override
            public void add(String name, Map<String, String> labels, double delta) {
                calls.add("add " + name + labels + " " + delta);
            }

            @Override
            public void set(String name, Map<String, String> labels, double value) {
                calls.add("set " + name + labels + " " + value);
            }
        });
        counters.sessionUp("frr", true);
        counters.updatesSent("frr", 3);
        counters.prefixesAnnounced("frr", 2);
        counters.pendingPrefixes("frr", 1);
        counters.sessionUp("frr", false);
        assertThat(calls).containsExactly(
                "set metallb_bgp_session_up{peer=frr} 1.0",
                "add metallb_bgp_updates_total{peer=frr} 3.0",
                "set metallb_bgp_announced_prefixes_total{peer=frr} 2.0",
                "set metallb_bgp_pending_prefixes_total{peer=frr} 1.0",
                "set metallb_bgp_session_up{peer=frr} 0.0");
    }

    @Test
    void noSinkMeansNoCounters() {
        assertThat(BgpCounters.reportingTo(MetricSink.NONE)).isSameAs(BgpCounters.NONE);
    }
}
