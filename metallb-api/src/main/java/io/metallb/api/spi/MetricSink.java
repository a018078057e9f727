package io.metallb.api.spi;

import java.util.Map;

/**
 * Where an announcer reports its counters and gauges, by Prometheus series name and labels (MetalLB's names where
 * MetalLB has one: {@code metallb_layer2_requests_received{ip}}, {@code metallb_bgp_session_up{peer}}, ...). The
 * distribution binds it to its metrics registry; an embedder may ignore it ({@link #NONE}). Calls come from the
 * announcers' own threads (a packet receive loop, an event loop), so an implementation must not block.
 */
public interface MetricSink {

    /** Drops everything. */
    MetricSink NONE = new MetricSink() {
        @Override
        public void add(String name, Map<String, String> labels, double delta) {
        }

        @Override
        public void set(String name, Map<String, String> labels, double value) {
        }
    };

    /** Adds {@code delta} (not negative) to the counter {@code name} of the series {@code labels}. */
    void add(String name, Map<String, String> labels, double delta);

    /** Sets the gauge {@code name} of the series {@code labels} to {@code value}. */
    void set(String name, Map<String, String> labels, double value);
}
