package io.metallb.distribution.metrics;

import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.MetricSink;
import io.metallb.api.spi.PoolUsage;
import io.metallb.k8s.Metrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MetalLB's Prometheus series, with its names, types, labels and help texts (metallb/metallb
 * {@code internal/allocator/stats.go}, {@code internal/k8s/controllers/stats.go}, {@code speaker/main.go},
 * {@code internal/layer2/stats.go}, {@code internal/bgp/native/stats.go}), in a registry of the Prometheus Java
 * client. It is the {@link Metrics} of metallb-k8s's controller and speaker, and the {@link MetricSink} their
 * announcers report to. A sink call naming a series not listed here, or with other labels, is dropped and logged
 * once: what a scrape shows is always this catalogue.
 */
public final class MetalLbMetrics implements Metrics {

    private static final System.Logger LOG = System.getLogger(MetalLbMetrics.class.getName());

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, List<String>> labelNames = new ConcurrentHashMap<>();
    private final UntypedCounters untyped = new UntypedCounters();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<List<String>>> announced = new ConcurrentHashMap<>();
    private final Set<String> pools = ConcurrentHashMap.newKeySet();
    private final MetricSink sink = new Sink();
    private volatile boolean configLoaded;

    public MetalLbMetrics() {
        gauge("metallb_allocator_addresses_total", "Number of usable IP addresses, per pool", "pool");
        gauge("metallb_allocator_ipv4_addresses_total", "Number of usable IPV4 addresses, per pool", "pool");
        gauge("metallb_allocator_ipv6_addresses_total", "Number of usable IPV6 addresses, per pool", "pool");
        gauge("metallb_allocator_addresses_in_use_total", "Number of IP addresses in use, per pool", "pool");
        gauge("metallb_allocator_ipv4_addresses_in_use_total", "Number of IPV4 addresses in use, per pool", "pool");
        gauge("metallb_allocator_ipv6_addresses_in_use_total", "Number of IPV6 addresses in use, per pool", "pool");
        counter("metallb_k8s_client_updates_total", "Number of k8s object updates that have been processed.");
        counter("metallb_k8s_client_update_errors_total",
                "Number of k8s object updates that failed for some reason.");
        gauge("metallb_k8s_client_config_loaded_bool",
                "1 if the MetalLB configuration was successfully loaded at least once.");
        gauge("metallb_k8s_client_config_stale_bool",
                "1 if running on a stale configuration, because the latest config failed to load.");
        gauge("metallb_speaker_announced", "Services being announced from this node. This is desired state, it "
                + "does not guarantee that the routing protocols have converged.", "service", "protocol", "node",
                "ip");
        untyped("metallb_layer2_requests_received", "Number of layer2 requests received for owned IPs", "ip");
        untyped("metallb_layer2_responses_sent",
                "Number of layer2 responses sent for owned IPs in response to requests", "ip");
        untyped("metallb_layer2_gratuitous_sent",
                "Number of gratuitous layer2 packets sent for owned IPs as a result of failovers", "ip");
        gauge("metallb_bgp_session_up", "BGP session state (1 is up, 0 is down)", "peer");
        counter("metallb_bgp_updates_total", "Number of BGP UPDATE messages sent", "peer");
        gauge("metallb_bgp_announced_prefixes_total",
                "Number of prefixes currently being advertised on the BGP session", "peer");
        gauge("metallb_bgp_pending_prefixes_total",
                "Number of prefixes that should be advertised on the BGP session", "peer");
        registry.register(untyped);
        gauges.get("metallb_k8s_client_config_loaded_bool").set(0);
        gauges.get("metallb_k8s_client_config_stale_bool").set(0);
    }

    // Without exemplars, as MetalLB's series: with them every series holds a sampler and its buffers (about 120
    // bytes; the speaker has a metallb_speaker_announced series per announced address).
    private void gauge(String name, String help, String... labels) {
        gauges.put(name, Gauge.builder().name(name).help(help).labelNames(labels).withoutExemplars()
                .register(registry));
        labelNames.put(name, List.of(labels));
    }

    private void counter(String name, String help, String... labels) {
        counters.put(name, Counter.builder().name(name).help(help).labelNames(labels).withoutExemplars()
                .register(registry));
        labelNames.put(name, List.of(labels));
    }

    private void untyped(String name, String help, String... labels) {
        untyped.declare(name, help);
        labelNames.put(name, List.of(labels));
    }

    /** Writes every series in the Prometheus text format (version 0.0.4). */
    public void write(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }

    /** The content type of {@link #write}. */
    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** True once a valid config has been loaded. */
    public boolean configLoaded() {
        return configLoaded;
    }

    @Override
    public void config(boolean valid) {
        if (valid) {
            configLoaded = true;
            gauges.get("metallb_k8s_client_config_loaded_bool").set(1);
        }
        // MetalLB sets stale on every refused config, and clears it on the next good one.
        gauges.get("metallb_k8s_client_config_stale_bool").set(valid ? 0 : 1);
    }

    @Override
    public void update(boolean failed) {
        counters.get(failed ? "metallb_k8s_client_update_errors_total" : "metallb_k8s_client_updates_total").inc();
    }

    @Override
    public void poolUsage(List<PoolUsage> usage) {
        Set<String> now = new HashSet<>();
        for (PoolUsage u : usage) {
            now.add(u.pool());
            set("metallb_allocator_addresses_total", sum(u.v4Total(), u.v6Total()), u.pool());
            set("metallb_allocator_ipv4_addresses_total", u.v4Total(), u.pool());
            set("metallb_allocator_ipv6_addresses_total", u.v6Total(), u.pool());
            set("metallb_allocator_addresses_in_use_total", u.v4InUse() + u.v6InUse(), u.pool());
            set("metallb_allocator_ipv4_addresses_in_use_total", u.v4InUse(), u.pool());
            set("metallb_allocator_ipv6_addresses_in_use_total", u.v6InUse(), u.pool());
        }
        for (String gone : Set.copyOf(pools)) {
            if (!now.contains(gone)) {
                gauges.forEach((name, g) -> {
                    if (name.startsWith("metallb_allocator_")) {
                        g.remove(gone);
                    }
                });
                pools.remove(gone);
            }
        }
        pools.addAll(now);
    }

    /** Totals saturate: an IPv6 /64 alone holds 2^64 addresses. */
    private static double sum(long a, long b) {
        return (double) a + (double) b;
    }

    private void set(String gauge, double value, String... labelValues) {
        gauges.get(gauge).labelValues(labelValues).set(value);
    }

    @Override
    public void announced(String node, String protocol, Set<Announcement> announcements) {
        Gauge g = gauges.get("metallb_speaker_announced");
        Set<List<String>> now = new HashSet<>();
        for (Announcement a : announcements) {
            // MetalLB's label: the service as namespace/name.
            now.add(List.of(a.service().namespace() + "/" + a.service().name(), protocol, node,
                    a.address().toString()));
        }
        Set<List<String>> before = announced.getOrDefault(protocol, Set.of());
        for (List<String> series : before) {
            if (!now.contains(series)) {
                g.remove(series.toArray(String[]::new));
            }
        }
        for (List<String> series : now) {
            g.labelValues(series.toArray(String[]::new)).set(1);
        }
        announced.put(protocol, Set.copyOf(now));
    }

    @Override
    public MetricSink announcerMetrics() {
        return sink;
    }

    /** The announcers' reports, onto the series above. */
    private final class Sink implements MetricSink {
        @Override
        public void add(String name, Map<String, String> labels, double delta) {
            String[] values = values(name, labels);
            if (values == null) {
                return;
            }
            Counter c = counters.get(name);
            if (c != null) {
                c.labelValues(values).inc(delta);
            } else if (untyped.declares(name)) {
                untyped.add(name, Labels.of(labelNames.get(name).toArray(String[]::new), values), delta);
            } else {
                refuse(name, "not a counter");
            }
        }

        @Override
        public void set(String name, Map<String, String> labels, double value) {
            String[] values = values(name, labels);
            Gauge g = gauges.get(name);
            if (values != null && g == null) {
                refuse(name, "not a gauge");
            } else if (values != null) {
                g.labelValues(values).set(value);
            }
        }

        /** The label values in the declared order, or null (logged once) when they do not fit. */
        private String[] values(String name, Map<String, String> labels) {
            List<String> names = labelNames.get(name);
            if (names == null) {
                refuse(name, "unknown series");
                return null;
            }
            if (!labels.keySet().equals(Set.copyOf(names))) {
                refuse(name, "labels " + labels.keySet() + " (expected: " + names + ")");
                return null;
            }
            return names.stream().map(labels::get).toArray(String[]::new);
        }

        private void refuse(String name, String why) {
            if (warned.add(name + why)) {
                LOG.log(Level.WARNING, "metric " + name + " dropped: " + why);
            }
        }
    }
}
