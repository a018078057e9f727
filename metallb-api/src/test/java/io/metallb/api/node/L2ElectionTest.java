package io.metallb.api.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class L2ElectionTest {

    private static final Set<String> NODES = Set.of("node-a", "node-b", "node-c");

    @Test
    void ordersBySha256OfNameHashIpAsMetalLbDoes() {
        // Expected orders computed independently: sorted(nodes, key=sha256((n + "#" + ip).encode()).digest()).
        assertThat(L2Election.ranking(IpAddress.parse("198.51.100.5"), NODES))
                .containsExactly("node-c", "node-b", "node-a");
        assertThat(L2Election.ranking(IpAddress.parse("2001:db8::5"), NODES))
                .containsExactly("node-a", "node-c", "node-b");
        assertThat(L2Election.owner(IpAddress.parse("198.51.100.5"), NODES)).contains("node-c");
    }

    @Test
    void aPreferredNodeWinsBeforeTheDigestOrder() {
        IpAddress ip = IpAddress.parse("198.51.100.5");
        // node-a is last by digest, but the only one with a weight
        assertThat(L2Election.owner(ip, NODES, n -> n.equals("node-a") ? 10 : 0)).contains("node-a");
        assertThat(L2Election.ranking(ip, NODES, n -> n.equals("node-a") ? 10 : 0))
                .containsExactly("node-a", "node-c", "node-b");
        // equal weights fall back to the digest order
        assertThat(L2Election.owner(ip, NODES, n -> 7)).contains("node-c");
    }

    @Test
    void noCandidatesNoOwner() {
        assertThat(L2Election.owner(IpAddress.parse("198.51.100.5"), List.of())).isEmpty();
    }
}
