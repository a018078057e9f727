package io.metallb.api.node;

import java.util.Objects;

/** Whether a node may announce a service, and if not, why. */
public sealed interface Eligibility permits Eligibility.Eligible, Eligibility.Ineligible {

    /** Why a node may not announce a service. */
    enum Reason {
        /** The node's {@code NetworkUnavailable} condition is true. */
        NETWORK_UNAVAILABLE,
        /** The node carries {@code node.kubernetes.io/exclude-from-external-load-balancers}. */
        EXCLUDED_BY_LABEL,
        /** No advertisement's node selectors match the node. */
        NOT_SELECTED,
        /** Traffic policy Local and no endpoint of the service that can serve runs on the node. */
        NO_LOCAL_ENDPOINT,
        /** Traffic policy Cluster and no endpoint of the service can serve anywhere. */
        NO_ENDPOINTS
    }

    /** The node may announce. */
    record Eligible() implements Eligibility {
    }

    /** The node may not announce, for {@code reason}. */
    record Ineligible(Reason reason, String detail) implements Eligibility {
        public Ineligible {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    Eligibility ELIGIBLE = new Eligible();

    default boolean isEligible() {
        return this instanceof Eligible;
    }
}
