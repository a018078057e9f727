package io.metallb.api.node;

import io.metallb.api.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Which node answers for an address in layer 2 mode: MetalLB's {@code sortL2Candidates}
 * ({@code speaker/layer2_controller.go}), so a mixed MetalLB / metallb-java cluster agrees during a migration.
 *
 * <p>Candidates are ordered by {@code sha256(nodeName + "#" + ip)}, ascending by unsigned byte comparison of the
 * 32-byte digests, and the first one owns the address. {@code ip} is the service's <em>first</em> load-balancer
 * address in Go's {@code net.IP.String()} form, which is {@link IpAddress#toString()} (dotted quad, RFC 5952);
 * so a dual-stack service's two addresses land on one node, and services sharing an address share its owner.
 * An L2Advertisement's {@code preferredNodeSelectors} give candidates a score; a higher score comes first and
 * the digest order breaks ties (so without preferences, every score 0, it is the digest order alone).
 *
 * <p>Pure: a function of (address, candidates) only. The candidate set (live, eligible, selected by an
 * L2Advertisement) is the caller's.
 */
public final class L2Election {

    private L2Election() {
    }

    /** The owner of {@code electionKey} among {@code candidates}; empty when there is none. */
    public static Optional<String> owner(IpAddress electionKey, Collection<String> candidates) {
        return owner(electionKey, candidates, node -> 0);
    }

    /**
     * The owner of {@code electionKey} among {@code candidates}, the highest {@code score} first (MetalLB's
     * summed preferred-node weights); empty when there is none.
     */
    public static Optional<String> owner(IpAddress electionKey, Collection<String> candidates,
            ToLongFunction<String> score) {
        String ip = electionKey.toString();
        String best = null;
        long bestScore = 0;
        byte[] bestDigest = null;
        for (String node : candidates) {
            long sc = score.applyAsLong(node);
            if (best != null && sc < bestScore) {
                continue;
            }
            byte[] d = digest(node, ip);
            // Equal digests mean equal names (sha256): ties cannot happen between distinct nodes.
            if (best == null || sc > bestScore || Arrays.compareUnsigned(d, bestDigest) < 0) {
                best = node;
                bestScore = sc;
                bestDigest = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** All candidates in election order, the owner first. */
    public static List<String> ranking(IpAddress electionKey, Collection<String> candidates) {
        return ranking(electionKey, candidates, node -> 0);
    }

    /** All candidates in election order (highest score, then digest), the owner first. */
    public static List<String> ranking(IpAddress electionKey, Collection<String> candidates,
            ToLongFunction<String> score) {
        String ip = electionKey.toString();
        Comparator<String> byScore = Comparator.comparingLong(score).reversed();
        return candidates.stream().distinct()
                .sorted(byScore.thenComparing((String n) -> digest(n, ip), Arrays::compareUnsigned))
                .toList();
    }

    static byte[] digest(String node, String ip) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((node + "#" + ip).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
