package io.metallb.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.metallb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class L2ElectionPropertyTest {

    @Test
    void theOwnerHasTheSmallestDigestAsUnsignedBytes() {
        // Worked by hand: sha256("n1#198.51.100.5") and sha256("n2#198.51.100.5"), compared byte by byte.
        IpAddress ip = IpAddress.parse("198.51.100.5");
        String d1 = HexFormat.of().formatHex(L2Election.digest("n1#198.51.100.5"));
        String d2 = HexFormat.of().formatHex(L2Election.digest("n2#198.51.100.5"));
        String expected = d1.compareTo(d2) < 0 ? "n1" : "n2"; // lowercase hex orders like unsigned bytes
        assertThat(L2Election.owner(List.of("n1", "n2"), ip)).contains(expected);
        assertThat(L2Election.owner(List.of(), ip)).isEmpty();
    }

    @Test
    void theOwnerIsACandidateIndependentOfOrderAndStableWhenAnotherNodeLeaves() {
        qt().forAll(lists().of(integers().between(0, 40)).ofSizeBetween(1, 12), integers().between(0, 255))
                .checkAssert((ids, last) -> {
                    List<String> nodes = new ArrayList<>(new LinkedHashSet<>(ids.stream().map(i -> "node-" + i)
                            .toList()));
                    IpAddress ip = IpAddress.parse("203.0.113." + last);
                    Optional<String> owner = L2Election.owner(nodes, ip);
                    assertThat(owner).isPresent();
                    assertThat(nodes).contains(owner.get());
                    List<String> shuffled = new ArrayList<>(nodes);
                    Collections.reverse(shuffled);
                    assertThat(L2Election.owner(shuffled, ip)).isEqualTo(owner);
                    List<String> fewer = new ArrayList<>(nodes);
                    fewer.remove(nodes.size() > 1 && nodes.get(0).equals(owner.get()) ? 1 : 0);
                    if (!fewer.isEmpty() && fewer.contains(owner.get())) {
                        assertThat(L2Election.owner(fewer, ip)).isEqualTo(owner);
                    }
                });
    }
}
