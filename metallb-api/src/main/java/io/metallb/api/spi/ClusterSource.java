package io.metallb.api.spi;

import io.metallb.api.service.ServiceKey;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The glue to where config and services live: Kubernetes, or a YAML file watched on disk (standalone mode).
 * It delivers snapshots and takes back what the controller and speakers decide.
 */
public interface ClusterSource extends AutoCloseable {

    /** Starts delivering snapshots to {@code listener}, the first once the source is in sync. */
    void start(Consumer<ClusterSnapshot> listener);

    /** Records {@code assignment} as the service's status (and pool annotation); no write when unchanged. */
    void writeAssignment(Assignment assignment);

    /** Clears the service's load-balancer status. */
    void clearAssignment(ServiceKey service);

    /** Reports an event on a service, or on the config when {@code service} is empty. */
    void recordEvent(Optional<ServiceKey> service, EventType type, String reason, String message);

    /** Kubernetes' two event types. */
    enum EventType { NORMAL, WARNING }

    @Override
    void close();
}
