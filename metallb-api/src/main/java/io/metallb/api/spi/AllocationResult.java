package io.metallb.api.spi;

import java.util.Objects;

/** The allocator's answer: the addresses given, or why none could be, in words a user can act on. */
public sealed interface AllocationResult permits AllocationResult.Allocated, AllocationResult.Refused {

    /** The service holds {@code assignment}. */
    record Allocated(Assignment assignment) implements AllocationResult {
        public Allocated {
            Objects.requireNonNull(assignment, "assignment");
        }
    }

    /**
     * Nothing was allocated; the service's previous assignment, if any, is kept only when {@code reason} says so.
     *
     * @param reason e.g. {@code pool "prod" has no free IPv4 address (254 of 254 in use)}
     */
    record Refused(String reason) implements AllocationResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
