package io.metallb.distribution.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.MetricSink;
import io.metallb.api.spi.PoolUsage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A scrape shows MetalLB's exact series names, types, labels and help texts. */
class MetalLbMetricsTest {

    private final MetalLbMetrics metrics = new MetalLbMetrics();

    private Exposition scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        return Exposition.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void poolGaugesKeepTheirTotalSuffixAndFollowThePools() throws IOException {
        metrics.poolUsage(List.of(new PoolUsage("prod", 1, 4, 0, 0), new PoolUsage("dual", 1, 2, 2, 16)));
        Exposition e = scrape();
        assertThat(e.types()).containsEntry("metallb_allocator_addresses_in_use_total", "gauge")
                .containsEntry("metallb_allocator_addresses_total", "gauge");
        assertThat(e.help()).containsEntry("metallb_allocator_addresses_in_use_total",
                "Number of IP addresses in use, per pool");
        assertThat(e.value("metallb_allocator_addresses_in_use_total", Map.of("pool", "prod"))).contains(1.0);
        assertThat(e.value("metallb_allocator_addresses_total", Map.of("pool", "prod"))).contains(4.0);
        assertThat(e.value("metallb_allocator_addresses_in_use_total", Map.of("pool", "dual"))).contains(3.0);
        assertThat(e.value("metallb_allocator_ipv6_addresses_total", Map.of("pool", "dual"))).contains(16.0);

        metrics.poolUsage(List.of(new PoolUsage("prod", 2, 4, 0, 0)));
        e = scrape();
        assertThat(e.value("metallb_allocator_addresses_in_use_total", Map.of("pool", "prod"))).contains(2.0);
        assertThat(e.samples("metallb_allocator_addresses_total")).extracting(s -> s.labels().get("pool"))
                .containsExactly("prod");
    }

    @Test
    void aRefusedConfigIsStaleWhileTheLoadedOneStaysLoaded() throws IOException {
        Exposition e = scrape();
        assertThat(e.value("metallb_k8s_client_config_loaded_bool", Map.of())).contains(0.0);
        metrics.config(true);
        metrics.config(false);
        e = scrape();
        assertThat(e.value("metallb_k8s_client_config_loaded_bool", Map.of())).contains(1.0);
        assertThat(e.value("metallb_k8s_client_config_stale_bool", Map.of())).contains(1.0);
        metrics.config(true);
        assertThat(scrape().value("metallb_k8s_client_config_stale_bool", Map.of())).contains(0.0);
    }

    @Test
    void updatesAndErrorsAreCounters() throws IOException {
        metrics.update(false);
        metrics.update(false);
        metrics.update(true);
        Exposition e = scrape();
        assertThat(e.types()).containsEntry("metallb_k8s_client_updates_total", "counter")
                .containsEntry("metallb_k8s_client_update_errors_total", "counter");
        assertThat(e.value("metallb_k8s_client_updates_total", Map.of())).contains(2.0);
        assertThat(e.value("metallb_k8s_client_update_errors_total", Map.of())).contains(1.0);
    }

    @Test
    void announcedSeriesFollowTheCompleteSetPerProtocol() throws IOException {
        Announcement web = new Announcement(ServiceKey.parse("default/web"), IpAddress.parse("198.51.100.5"),
                "prod", List.of("l2"));
        Announcement api = new Announcement(ServiceKey.parse("default/api"), IpAddress.parse("2001:db8::5"),
                "prod", List.of("bgp"));
        metrics.announced("n1", "layer2", Set.of(web));
        metrics.announced("n1", "bgp", Set.of(api));
        Exposition e = scrape();
        assertThat(e.types()).containsEntry("metallb_speaker_announced", "gauge");
        assertThat(e.value("metallb_speaker_announced", Map.of("service", "default/web", "protocol", "layer2",
                "node", "n1", "ip", "198.51.100.5"))).contains(1.0);
        assertThat(e.value("metallb_speaker_announced", Map.of("service", "default/api", "protocol", "bgp",
                "node", "n1", "ip", "2001:db8::5"))).contains(1.0);

        metrics.announced("n1", "layer2", Set.of());
        assertThat(scrape().samples("metallb_speaker_announced")).extracting(s -> s.labels().get("protocol"))
                .containsExactly("bgp");
    }

    @Test
    void announcerReportsLandOnMetalLbsLayer2AndBgpSeries() throws IOException {
        MetricSink sink = metrics.announcerMetrics();
        Map<String, String> ip = Map.of("ip", "198.51.100.5");
        sink.add("metallb_layer2_requests_received", ip, 1);
        sink.add("metallb_layer2_requests_received", ip, 1);
        sink.add("metallb_layer2_responses_sent", ip, 2);
        sink.add("metallb_layer2_gratuitous_sent", ip, 6);
        sink.set("metallb_bgp_session_up", Map.of("peer", "frr"), 1);
        sink.add("metallb_bgp_updates_total", Map.of("peer", "frr"), 3);
        sink.set("metallb_bgp_announced_prefixes_total", Map.of("peer", "frr"), 2);
        sink.set("metallb_bgp_pending_prefixes_total", Map.of("peer", "frr"), 0);
        Exposition e = scrape();
        // Go counters named without _total: exposed under that exact name (untyped), not renamed.
        assertThat(e.types()).containsEntry("metallb_layer2_requests_received", "untyped")
                .containsEntry("metallb_layer2_responses_sent", "untyped")
                .containsEntry("metallb_layer2_gratuitous_sent", "untyped")
                .containsEntry("metallb_bgp_session_up", "gauge")
                .containsEntry("metallb_bgp_updates_total", "counter")
                .containsEntry("metallb_bgp_announced_prefixes_total", "gauge")
                .containsEntry("metallb_bgp_pending_prefixes_total", "gauge")
                .doesNotContainKey("metallb_layer2_requests_received_total");
        assertThat(e.value("metallb_layer2_requests_received", ip)).contains(2.0);
        assertThat(e.value("metallb_layer2_responses_sent", ip)).contains(2.0);
        assertThat(e.value("metallb_layer2_gratuitous_sent", ip)).contains(6.0);
        assertThat(e.value("metallb_bgp_session_up", Map.of("peer", "frr"))).contains(1.0);
        assertThat(e.value("metallb_bgp_updates_total", Map.of("peer", "frr"))).contains(3.0);
        assertThat(e.value("metallb_bgp_announced_prefixes_total", Map.of("peer", "frr"))).contains(2.0);
        assertThat(e.value("metallb_bgp_pending_prefixes_total", Map.of("peer", "frr"))).contains(0.0);
    }

    @Test
    void reportsOutsideTheCatalogueAreDroppedNotExposed() throws IOException {
        MetricSink sink = metrics.announcerMetrics();
        sink.add("plugin_frames_total", Map.of("x", "1"), 1);
        sink.add("metallb_layer2_requests_received", Map.of("address", "198.51.100.5"), 1);
        sink.add("metallb_bgp_session_up", Map.of("peer", "frr"), 1);
        Exposition e = scrape();
        assertThat(e.types()).doesNotContainKey("plugin_frames_total");
        assertThat(e.samples("metallb_layer2_requests_received")).isEmpty();
        assertThat(e.samples("metallb_bgp_session_up")).isEmpty();
    }
}
