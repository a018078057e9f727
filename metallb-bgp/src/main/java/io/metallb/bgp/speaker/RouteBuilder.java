package io.metallb.bgp.speaker;

import io.metallb.api.net.IpAddress;
import io.metallb.bgp.wire.Attribute;
import io.metallb.bgp.wire.PathAttribute;
import java.util.ArrayList;
import java.util.List;

/**
 * The path attributes a route carries to one peer (MetalLB's choices): ORIGIN INCOMPLETE; AS_PATH empty to iBGP
 * peers and [our AS] to eBGP peers; NEXT_HOP our end of the session; LOCAL_PREF only to iBGP peers (RFC 4271
 * §5.1.5: always, 100 when the advertisement sets none); the advertisement's communities.
 */
record RouteBuilder(long localAsn, boolean internal, IpAddress nextHopV4) {
    static final long DEFAULT_LOCAL_PREF = 100;

    List<PathAttribute> attributes(RouteAttributes wanted) {
        List<PathAttribute> out = new ArrayList<>();
        out.add(PathAttribute.of(Attribute.Origin.INCOMPLETE));
        out.add(PathAttribute.of(internal ? Attribute.AsPath.EMPTY : Attribute.AsPath.sequence(localAsn)));
        out.add(PathAttribute.of(new Attribute.NextHop(nextHopV4)));
        if (internal) {
            out.add(PathAttribute.of(new Attribute.LocalPref(wanted.localPref().orElse(DEFAULT_LOCAL_PREF))));
        }
        if (!wanted.communities().isEmpty()) {
            out.add(PathAttribute.of(new Attribute.Communities(wanted.communities())));
        }
        if (!wanted.largeCommunities().isEmpty()) {
            out.add(PathAttribute.of(new Attribute.LargeCommunities(wanted.largeCommunities())));
        }
        return out;
    }
}
