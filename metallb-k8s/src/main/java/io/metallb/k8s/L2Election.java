package io.metallb.k8s;

import io.metallb.api.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * MetalLB's layer 2 election ({@code sortL2Candidates}): among the candidate nodes, the owner of a service is
 * the one whose {@code sha256(nodeName + "#" + ip)} is smallest, compared as unsigned bytes, where {@code ip} is
 * the service's first load-balancer address. Every speaker computes the same answer from the same inputs, with
 * no coordination, and a node leaving moves only the services it owned.
 */
final class L2Election {

    private L2Election() {
    }

    /** The owner among {@code candidates}, or empty when there are none. */
    static Optional<String> owner(Collection<String> candidates, IpAddress firstIp) {
        String ip = firstIp.toString();
        return candidates.stream().min(Comparator.comparing((String node) -> digest(node + "#" + ip),
                Arrays::compareUnsigned));
    }

    static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
