package io.metallb.l2.wire;

import io.metallb.api.net.IpAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A neighbour solicitation (RFC 4861 §4.3).
 *
 * <pre>
 * | type=135 | code=0 | checksum | reserved (32) | target address (128) | options ...
 * </pre>
 *
 * @param sourceLinkAddress the Source Link-Layer Address option (type 1), absent in DAD probes
 */
public record NeighborSolicitation(IpAddress target, Optional<MacAddress> sourceLinkAddress) implements NdpMessage {

    public NeighborSolicitation {
        NdpMessage.requireUnicastTarget(target);
        Objects.requireNonNull(sourceLinkAddress, "sourceLinkAddress");
    }
}
