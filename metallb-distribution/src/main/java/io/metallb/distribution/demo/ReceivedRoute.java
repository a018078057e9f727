package io.metallb.distribution.demo;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpPrefix;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A route the demo's BGP router holds, as one speaker's session sent it.
 *
 * @param nextHop NEXT_HOP for IPv4, the first next hop of MP_REACH_NLRI for IPv6
 * @param localPref LOCAL_PREF, when sent (iBGP)
 * @param communities standard communities ({@code 64512:100}) then large ones ({@code large:64512:1:2}), as sent
 * @param from the speaker's end of the session (address and BGP identifier)
 */
record ReceivedRoute(IpPrefix prefix, IpAddress nextHop, OptionalLong localPref, List<String> communities,
        SessionKey from) {

    ReceivedRoute {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(nextHop, "nextHop");
        Objects.requireNonNull(localPref, "localPref");
        communities = List.copyOf(communities);
        Objects.requireNonNull(from, "from");
    }

    /**
     * One session's far end.
     *
     * @param address the speaker's source address
     * @param bgpId the BGP identifier of its OPEN, dotted
     * @param asn the AS of its OPEN
     */
    record SessionKey(IpAddress address, int port, String bgpId, long asn) {
        SessionKey {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(bgpId, "bgpId");
        }
    }
}
