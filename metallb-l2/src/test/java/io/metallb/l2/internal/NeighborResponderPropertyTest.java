package io.metallb.l2.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.metallb.api.net.IpAddress;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrameEncoder;
import io.metallb.l2.wire.MacAddress;
import io.metallb.l2.wire.NdpPacket;
import io.metallb.l2.wire.WireGenerators;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The responder runs on the capture thread, where an exception would stop answering on the interface: whatever
 * arrives, even a frame whose target this node owns, it must decide without throwing.
 */
class NeighborResponderPropertyTest {

    private static final MacAddress ME = MacAddress.parse("02:00:00:00:00:0a");

    @Test
    void anyValidFrameForAnOwnedTargetGivesADecision() {
        qt().withExamples(5000).forAll(WireGenerators.frames()).checkAssert(f -> {
            IpAddress target = f.payload() instanceof ArpPacket a ? a.targetIp() : ((NdpPacket) f.payload()).message().target();
            ResponderDecision d = NeighborResponder.respond(EthernetFrameEncoder.encode(f), ME, Set.of(target), Set.of());
            assertThat(d).isNotNull();
        });
    }

    @Test
    void anyMutatedFrameGivesADecision() {
        qt().withExamples(10000).forAll(WireGenerators.frames(), integers().between(0, 127), integers().between(0, 255))
                .checkAssert((f, at, value) -> {
                    byte[] wire = EthernetFrameEncoder.encode(f);
                    wire[at % wire.length] = (byte) value.intValue();
                    IpAddress target = f.payload() instanceof ArpPacket a ? a.targetIp()
                            : ((NdpPacket) f.payload()).message().target();
                    assertThat(NeighborResponder.respond(wire, ME, Set.of(target), Set.of())).isNotNull();
                });
    }
}
