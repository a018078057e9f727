package io.metallb.api.spi;

import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hands out addresses from the configured pools. One instance per controller, used from one thread. Its memory
 * is a cache of what the cluster already says: at start, {@link #restore} every existing assignment before any
 * {@link #allocate}, so a pending service can never take an address in use.
 */
public interface Allocator {

    /**
     * Replaces the pools. Assignments no longer inside a pool the service may use are released.
     *
     * @return the services whose assignment was released and must be allocated again, in key order
     */
    List<ServiceKey> setConfig(Config config);

    /** The config in use. */
    Config config();

    /**
     * Re-records an assignment read from the cluster (Service status) at start. Refused when the addresses
     * no longer fit the config or clash with one restored earlier; the service is then allocated afresh.
     */
    AllocationResult restore(AllocationRequest request, List<IpAddress> ips);

    /**
     * Gives {@code request} addresses: its current assignment when that still fits the request and the config,
     * else new ones. Idempotent: asking twice gives the same answer.
     */
    AllocationResult allocate(AllocationRequest request);

    /** Frees whatever {@code key} holds; nothing happens when it holds nothing. */
    void release(ServiceKey key);

    /** What {@code key} holds now. */
    Optional<Assignment> assignment(ServiceKey key);

    /** Usage of every pool, in pool-name order. */
    List<PoolUsage> usage();

    /**
     * The controller's whole decision for one service, pure apart from the allocator's own state: whether it is
     * ours (type, {@code loadBalancerClass}), what it asks for, and the resulting assignment or refusal.
     *
     * @param namespaceLabels labels of the service's namespace
     * @param loadBalancerClass the class this controller serves: empty means services with no class
     */
    Reconciliation reconcile(Service service, Map<String, String> namespaceLabels,
            Optional<String> loadBalancerClass);
}
