package io.metallb.api.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.metallb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class L2ElectionPropertyTest {

    private static Gen<List<String>> nodes() {
        return lists().of(integers().between(0, 40).map(i -> "node-" + i)).ofSizeBetween(1, 12)
                .map(l -> List.copyOf(new HashSet<>(l)));
    }

    private static Gen<List<IpAddress>> addresses() {
        return lists().of(integers().between(0, 255).map(i -> i % 2 == 0
                ? IpAddress.parse("198.51.100." + i) : IpAddress.parse("2001:db8::" + Integer.toHexString(i))))
                .ofSizeBetween(1, 30);
    }

    @Test
    void exactlyOneOwnerWhateverTheOrderOfTheView() {
        qt().forAll(nodes(), addresses(), integers().all()).checkAssert((nodes, ips, seed) -> {
            List<String> shuffled = new ArrayList<>(nodes);
            Collections.shuffle(shuffled, new java.util.Random(seed));
            for (IpAddress ip : ips) {
                String owner = L2Election.owner(ip, nodes).orElseThrow();
                assertThat(nodes).contains(owner);
                assertThat(L2Election.owner(ip, shuffled)).contains(owner);
                assertThat(L2Election.ranking(ip, shuffled).get(0)).isEqualTo(owner);
            }
        });
    }

    @Test
    void preferencesRankByScoreThenDigest() {
        qt().forAll(nodes(), addresses(), integers().all()).checkAssert((nodes, ips, seed) -> {
            // a score of 0, 10 or 20 per node, fixed by the seed
            java.util.function.ToLongFunction<String> score = n -> Math.floorMod(n.hashCode() ^ seed, 3) * 10L;
            List<String> shuffled = new ArrayList<>(nodes);
            Collections.shuffle(shuffled, new java.util.Random(seed));
            long best = nodes.stream().mapToLong(score).max().orElseThrow();
            List<String> top = nodes.stream().filter(n -> score.applyAsLong(n) == best).toList();
            for (IpAddress ip : ips) {
                String owner = L2Election.owner(ip, shuffled, score).orElseThrow();
                // the owner is the unweighted winner among the best-scored nodes
                assertThat(L2Election.owner(ip, top)).contains(owner);
                List<String> ranking = L2Election.ranking(ip, shuffled, score);
                assertThat(ranking.get(0)).isEqualTo(owner);
                for (int i = 1; i < ranking.size(); i++) {
                    assertThat(score.applyAsLong(ranking.get(i - 1))).isGreaterThanOrEqualTo(
                            score.applyAsLong(ranking.get(i)));
                }
            }
        });
    }

    @Test
    void whenANodeLeavesOnlyItsAddressesMove() {
        qt().forAll(nodes(), addresses(), integers().between(0, 100)).checkAssert((nodes, ips, pick) -> {
            String leaving = nodes.get(pick % nodes.size());
            Set<String> after = new HashSet<>(nodes);
            after.remove(leaving);
            for (IpAddress ip : ips) {
                String before = L2Election.owner(ip, nodes).orElseThrow();
                if (!before.equals(leaving)) {
                    assertThat(L2Election.owner(ip, after)).contains(before);
                } else if (!after.isEmpty()) {
                    // The address goes to the runner-up, the same node everyone else computes.
                    assertThat(L2Election.owner(ip, after)).contains(L2Election.ranking(ip, nodes).get(1));
                }
            }
        });
    }

    @Test
    void whenANodeJoinsOnlyTheAddressesItWinsMove() {
        qt().forAll(nodes(), addresses(), integers().between(41, 60)).checkAssert((nodes, ips, n) -> {
            String joining = "node-" + n;
            Set<String> after = new HashSet<>(nodes);
            after.add(joining);
            for (IpAddress ip : ips) {
                String before = L2Election.owner(ip, nodes).orElseThrow();
                String now = L2Election.owner(ip, after).orElseThrow();
                assertThat(now).isIn(before, joining);
            }
        });
    }

    @Test
    void servicesSharingAnAddressShareItsOwner() {
        qt().forAll(nodes(), addresses()).checkAssert((nodes, ips) -> {
            for (IpAddress ip : ips) {
                IpAddress sameAddressOtherService = IpAddress.parse(ip.toString());
                assertThat(L2Election.owner(sameAddressOtherService, nodes)).isEqualTo(L2Election.owner(ip, nodes));
            }
        });
    }
}
