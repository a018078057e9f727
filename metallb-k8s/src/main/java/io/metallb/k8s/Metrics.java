package io.metallb.k8s;

import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.MetricSink;
import io.metallb.api.spi.PoolUsage;
import java.util.List;
import java.util.Set;

/**
 * What the controller and the speaker report for metrics (the distribution binds it to MetalLB's Prometheus
 * series; an embedder may pass {@link #NONE}). Calls come from the worker thread and must not block.
 */
public interface Metrics {

    /** Reports nothing. */
    Metrics NONE = new Metrics() {
    };

    /**
     * The config was read: {@code valid} loads it; a refused one leaves the last good config running (stale), as
     * {@code metallb_k8s_client_config_loaded_bool} and {@code ..._config_stale_bool} report.
     */
    default void config(boolean valid) {
    }

    /** One Kubernetes object update was processed ({@code metallb_k8s_client_updates_total}), or failed. */
    default void update(boolean failed) {
    }

    /** Address counts of every pool now (a pool not listed is gone). */
    default void poolUsage(List<PoolUsage> usage) {
    }

    /** The complete set this node announces for {@code protocol} now (empty: nothing any more). */
    default void announced(String node, String protocol, Set<Announcement> announcements) {
    }

    /** Where the announcers this speaker creates report their own counters. */
    default MetricSink announcerMetrics() {
        return MetricSink.NONE;
    }
}
