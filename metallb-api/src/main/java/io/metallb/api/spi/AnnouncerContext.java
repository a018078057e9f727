package io.metallb.api.spi;

import java.util.Map;
import java.util.Objects;

/**
 * What an announcer knows about where it runs.
 *
 * @param nodeName this node's name
 * @param nodeLabels this node's labels
 * @param options protocol-specific settings from the command line or environment (e.g. interface excludes),
 *     keys prefixed by the protocol name
 * @param metrics where the announcer reports its counters and gauges
 */
public record AnnouncerContext(String nodeName, Map<String, String> nodeLabels, Map<String, String> options,
        MetricSink metrics) {

    public AnnouncerContext {
        Objects.requireNonNull(nodeName, "nodeName");
        nodeLabels = Map.copyOf(nodeLabels);
        options = Map.copyOf(options);
        Objects.requireNonNull(metrics, "metrics");
    }

    /** A context whose metrics go nowhere ({@link MetricSink#NONE}). */
    public AnnouncerContext(String nodeName, Map<String, String> nodeLabels, Map<String, String> options) {
        this(nodeName, nodeLabels, options, MetricSink.NONE);
    }
}
