package io.metallb.api.spi;

import java.util.List;
import java.util.Objects;

/**
 * The controller's decision for one service. The cluster glue turns it into writes: status, the
 * {@code ip-allocated-from-pool} annotation, and events with MetalLB's reasons.
 */
public sealed interface Reconciliation {

    /** Deprecation warnings found while reading the service (event reason {@code deprecatedAnnotation}). */
    List<String> warnings();

    /** The service holds {@code assignment}; {@code changed} is false when it held exactly this before. */
    record Assigned(Assignment assignment, boolean changed, List<String> warnings) implements Reconciliation {
        public Assigned {
            Objects.requireNonNull(assignment, "assignment");
            warnings = List.copyOf(warnings);
        }
    }

    /** The service should have an address but cannot get one (event reason {@code AllocationFailed}). */
    record Failed(String reason, List<String> warnings) implements Reconciliation {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The service is not ours to serve (not a LoadBalancer, another loadBalancerClass, being deleted): whatever
     * it held has been released and its status should be cleared when it shows one of our addresses.
     */
    record NotOurs(String reason, boolean released, List<String> warnings) implements Reconciliation {
        public NotOurs {
            Objects.requireNonNull(reason, "reason");
            warnings = List.copyOf(warnings);
        }
    }
}
