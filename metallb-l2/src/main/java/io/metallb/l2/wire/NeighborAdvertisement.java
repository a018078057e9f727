package io.metallb.l2.wire;

import io.metallb.api.net.IpAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A neighbour advertisement (RFC 4861 §4.4).
 *
 * <pre>
 * | type=136 | code=0 | checksum |R|S|O| reserved (29) | target address (128) | options ...
 * </pre>
 *
 * @param router R: the sender is a router
 * @param solicited S: sent in answer to a solicitation
 * @param override O: replace a cached link-layer address (how a takeover updates neighbours)
 * @param targetLinkAddress the Target Link-Layer Address option (type 2)
 */
public record NeighborAdvertisement(boolean router, boolean solicited, boolean override, IpAddress target,
        Optional<MacAddress> targetLinkAddress) implements NdpMessage {

    public NeighborAdvertisement {
        NdpMessage.requireUnicastTarget(target);
        Objects.requireNonNull(targetLinkAddress, "targetLinkAddress");
    }
}
