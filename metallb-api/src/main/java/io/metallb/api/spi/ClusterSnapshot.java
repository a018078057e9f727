package io.metallb.api.spi;

import io.metallb.api.config.ConfigResult;
import io.metallb.api.node.Endpoint;
import io.metallb.api.node.Node;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The world as a cluster source sees it at one moment. Controllers and speakers are level-triggered: each
 * snapshot is reconciled whole, so a missed or repeated one never corrupts anything.
 *
 * @param config the latest config as parsed (valid or not: an invalid one keeps the last good one running)
 * @param namespaceLabels labels per namespace name
 */
public record ClusterSnapshot(
        ConfigResult config,
        Map<ServiceKey, Service> services,
        Map<ServiceKey, List<Endpoint>> endpoints,
        Map<String, Node> nodes,
        Map<String, Map<String, String>> namespaceLabels) {

    public ClusterSnapshot {
        Objects.requireNonNull(config, "config");
        services = Map.copyOf(services);
        endpoints = Map.copyOf(endpoints);
        nodes = Map.copyOf(nodes);
        namespaceLabels = Map.copyOf(namespaceLabels);
    }
}
