package io.metallb.bgp.wire;

import io.metallb.api.net.IpPrefix;
import java.util.List;
import java.util.Optional;

/**
 * UPDATE (RFC 4271 §4.3). IPv4 unicast routes travel in {@code withdrawn} and {@code nlri}; other families inside
 * MP_REACH_NLRI / MP_UNREACH_NLRI attributes (RFC 4760).
 *
 * <pre>
 * +-----------------------------------------------------+
 * |   Withdrawn Routes Length (2 octets)                |
 * |   Withdrawn Routes (variable)                       |
 * |   Total Path Attribute Length (2 octets)            |
 * |   Path Attributes (variable)                        |
 * |   Network Layer Reachability Information (variable) |
 * +-----------------------------------------------------+
 * </pre>
 */
public record Update(List<IpPrefix> withdrawn, List<PathAttribute> attributes, List<IpPrefix> nlri)
        implements BgpMessage {
    /** The IPv4 unicast End-of-RIB marker (RFC 4724 §2): an UPDATE with nothing in it. */
    public static final Update END_OF_RIB_IPV4 = new Update(List.of(), List.of(), List.of());

    public Update {
        withdrawn = List.copyOf(withdrawn);
        attributes = List.copyOf(attributes);
        nlri = List.copyOf(nlri);
    }

    /** The End-of-RIB marker of a family: empty for IPv4 unicast, an empty MP_UNREACH_NLRI otherwise. */
    public static Update endOfRib(AfiSafi family) {
        return family.equals(AfiSafi.IPV4_UNICAST) ? END_OF_RIB_IPV4
                : new Update(List.of(), List.of(PathAttribute.of(new Attribute.MpUnreach(family, List.of()))),
                        List.of());
    }

    /** The first attribute of a kind. */
    public <A extends Attribute> Optional<A> attribute(Class<A> kind) {
        return attributes.stream().map(PathAttribute::value).filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** True when this is an End-of-RIB marker of some family. */
    public boolean isEndOfRib() {
        if (withdrawn.isEmpty() && nlri.isEmpty()) {
            return attributes.isEmpty() || attributes.size() == 1
                    && attributes.get(0).value() instanceof Attribute.MpUnreach u && u.withdrawn().isEmpty();
        }
        return false;
    }

    @Override
    public int type() {
        return UPDATE;
    }
}
