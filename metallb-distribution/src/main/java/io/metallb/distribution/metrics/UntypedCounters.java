package io.metallb.distribution.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Counters exposed under their exact name, without the {@code _total} the Prometheus Java client appends to a
 * counter: MetalLB's {@code metallb_layer2_requests_received}, {@code ..._responses_sent} and
 * {@code ..._gratuitous_sent} are Go counters named without it, so a scrape of MetalLB shows exactly those series.
 * They are written as {@code untyped} (the text format's type for a series of unknown kind); {@code rate()} and
 * {@code increase()} work on them as on any counter.
 */
final class UntypedCounters implements MultiCollector {

    private record Family(String help, Map<Labels, DoubleAdder> series) {
    }

    private final Map<String, Family> families = new ConcurrentHashMap<>();

    /** Declares the counter {@code name}; its series appear once added to. */
    void declare(String name, String help) {
        families.putIfAbsent(name, new Family(help, new ConcurrentHashMap<>()));
    }

    boolean declares(String name) {
        return families.containsKey(name);
    }

    void add(String name, Labels labels, double delta) {
        if (delta < 0) {
            throw new IllegalArgumentException(name + ": counter increment " + delta + " (expected: >= 0)");
        }
        families.get(name).series().computeIfAbsent(labels, l -> new DoubleAdder()).add(delta);
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        families.forEach((name, family) -> {
            UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(name).help(family.help());
            family.series().forEach((labels, value) -> b.dataPoint(
                    UnknownSnapshot.UnknownDataPointSnapshot.builder().labels(labels).value(value.sum()).build()));
            out.add(b.build());
        });
        return new MetricSnapshots(out);
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.copyOf(families.keySet());
    }
}
