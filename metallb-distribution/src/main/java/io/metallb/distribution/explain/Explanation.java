package io.metallb.distribution.explain;

import io.metallb.api.config.Config;
import io.metallb.api.config.ConfigResult;
import io.metallb.api.node.Node;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.Assignment;
import io.metallb.api.spi.Reconciliation;
import io.metallb.distribution.standalone.Assignments;
import io.metallb.distribution.standalone.NodePlan;
import io.metallb.distribution.standalone.StandaloneInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * The text {@code metallb explain} prints for one Service, and its exit code; {@link ClusterExplanation} builds it
 * from a cluster, {@link #of} from a valid standalone file. Built
 * the way {@code metallb standalone} decides: the state file's assignments restored first, then every Service
 * reconciled in key order, so it explains the running assignment.
 *
 * @param lines the text, one line each
 * @param exitCode {@link #ANNOUNCED}, {@link #NO_ADDRESS} or {@link #NOT_ANNOUNCED}
 */
record Explanation(List<String> lines, int exitCode) {

    /** The service has an address and this node announces it by at least one protocol. */
    static final int ANNOUNCED = 0;
    /** The service has no address (not ours, an unusable request, or no pool could give one). */
    static final int NO_ADDRESS = 3;
    /** The service has an address that no protocol announces from this node. */
    static final int NOT_ANNOUNCED = 4;

    Explanation {
        lines = List.copyOf(lines);
    }

    /**
     * @param state what the state file holds (empty: a first start)
     * @param stateSource how to name the state file in the text
     * @param node this node, with its labels
     * @param protocols the protocols the announcers on the module path can announce ({@code --implementation}
     *     applied)
     */
    static Explanation of(StandaloneInput input, ServiceKey key, Map<ServiceKey, Assignment> state,
            String stateSource, Assignments assignments, Node node, Set<String> protocols) {
        Config config = ((ConfigResult.Valid) input.config()).config();
        Service service = input.services().get(key);
        List<String> out = new ArrayList<>();
        out.add(header(service));
        out.add("State file " + stateSource + ": " + Optional.ofNullable(state.get(key))
                .map(a -> "holds " + ips(a) + " from pool \"" + a.pool() + "\"").orElse("holds nothing for it"));
        SortedMap<ServiceKey, Assignments.Outcome> outcomes = assignments.apply(config, input.services(),
                input::labelsOf);
        Assignments.Outcome outcome = outcomes.get(key);
        outcome.restoreRefusal().ifPresent(r -> out.add("  its recorded address is not kept: " + r));
        Optional<Assignment> got = address(out, config, service, input.labelsOf(key.namespace()),
                outcome.reconciliation(), assignments.allocator());
        if (got.isEmpty()) {
            return new Explanation(out, NO_ADDRESS);
        }
        Assignment a = got.get();
        boolean kept = state.containsKey(key) && state.get(key).ips().equals(a.ips());
        out.add("Address: " + ips(a) + " from pool \"" + a.pool() + "\""
                + (kept ? " (kept from the state file: an assignment stays while it still fits)" : ""));
        return announcement(out, config, input, a, node, protocols);
    }

    /**
     * Appends what the service asks for and, when it names no address, each pool in the order the allocator tries
     * it with the allocator's own verdict; then, without an address, why not.
     *
     * @param r the allocator's reconciliation of the service (the service's assignments restored first)
     * @return the service's assignment, or empty when it has none (the reason appended)
     */
    static Optional<Assignment> address(List<String> out, Config config, Service service,
            Map<String, String> namespaceLabels, Reconciliation r, Allocator allocator) {
        if (r instanceof Reconciliation.NotOurs notOurs) {
            out.add("No address: not served by MetalLB: " + notOurs.reason());
            return Optional.empty();
        }
        AllocationRequest.Parsed parsed = AllocationRequest.from(service, namespaceLabels);
        r.warnings().forEach(w -> out.add("warning: " + w));
        if (parsed instanceof AllocationRequest.Invalid invalid) {
            out.add("No address: the Service asks for something impossible: " + invalid.reason());
            return Optional.empty();
        }
        AllocationRequest request = ((AllocationRequest.Ok) parsed).request();
        out.add("Asks for: " + describe(request));
        Optional<Assignment> held = allocator.assignment(service.key());
        if (request.requestedIps().isEmpty()) {
            out.add(request.requestedPool().isPresent() ? "Pool asked for:" : "Pools, in the order the allocator "
                    + "tries them:");
            if (request.requestedPool().isPresent() && config.pool(request.requestedPool().get()).isEmpty()) {
                out.add("  pool \"" + request.requestedPool().get() + "\" does not exist");
            }
            int n = 0;
            boolean reached = false;
            for (PoolWalk.Step step : PoolWalk.walk(config, allocator, request, held)) {
                out.add("  " + (++n) + ". pool \"" + step.pool() + "\": " + verdict(step, held, reached));
                reached |= held.map(a -> a.pool().equals(step.pool())).orElse(false);
            }
        }
        if (r instanceof Reconciliation.Failed failed) {
            out.add("No address: " + failed.reason());
            return Optional.empty();
        }
        return Optional.of(((Reconciliation.Assigned) r).assignment());
    }

    private static Explanation announcement(List<String> out, Config config, StandaloneInput input, Assignment a,
            Node node, Set<String> protocols) {
        NodePlan plan = NodePlan.compute(config, node, input.services(), Map.of(a.service(), a));
        out.add("Announced from node " + node.name() + " (standalone: the only node; every Service counts as "
                + "having a ready endpoint here):");
        boolean any = false;
        for (NodePlan.Decision d : plan.decisions().getOrDefault(a.service(), List.of())) {
            if (!d.announced()) {
                out.add("  " + d.protocol() + ": no: " + d.why());
            } else if (!protocols.contains(d.protocol())) {
                out.add("  " + d.protocol() + ": no: no announcer for protocol \"" + d.protocol()
                        + "\" on the module path (" + d.why() + ")");
            } else {
                any = true;
                out.add("  " + d.protocol() + ": yes: " + d.why());
            }
        }
        return new Explanation(out, any ? ANNOUNCED : NOT_ANNOUNCED);
    }

    /** The Service's first line: its key, type, traffic policy and class. */
    static String header(Service service) {
        return "Service " + service.key() + ": type " + service.type().wireName() + ", externalTrafficPolicy "
                + service.externalTrafficPolicy().wireName()
                + service.loadBalancerClass().map(c -> ", loadBalancerClass " + c).orElse("");
    }

    private static String verdict(PoolWalk.Step step, Optional<Assignment> held, boolean reached) {
        if (step.verdict() == PoolWalk.Verdict.SKIPPED) {
            return "skipped: " + step.detail();
        }
        if (held.isPresent() && held.get().pool().equals(step.pool())) {
            return "taken: " + ips(held.get());
        }
        if (reached) {
            return "not reached";
        }
        if (step.verdict() == PoolWalk.Verdict.REFUSED) {
            return "refused: " + step.detail();
        }
        return "has room (" + step.detail() + ")" + (held.isPresent()
                ? ", but the Service keeps the address it already holds" : "");
    }

    private static String describe(AllocationRequest r) {
        List<String> parts = new ArrayList<>();
        parts.add(String.join("+", r.families().stream().map(f -> f.kubernetesName()).toList()) + " ("
                + r.policy().wireName() + ")");
        parts.add(r.requestedIps().isEmpty() ? "no particular address" : "addresses " + r.requestedIps()
                + " (metallb.io/loadBalancerIPs or spec.loadBalancerIP)");
        r.requestedPool().ifPresent(p -> parts.add("pool \"" + p + "\" (metallb.io/address-pool)"));
        r.sharingKey().ifPresent(k -> parts.add("sharing key \"" + k + "\" (metallb.io/allow-shared-ip)"));
        return String.join("; ", parts);
    }

    static String ips(Assignment a) {
        return String.join(", ", a.ips().stream().map(Object::toString).toList());
    }
}
