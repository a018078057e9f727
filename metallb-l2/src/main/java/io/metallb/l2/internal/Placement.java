package io.metallb.l2.internal;

import io.metallb.api.net.IpAddress;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** One owned address answered on one interface: the unit a gratuitous burst is started and stopped for. */
record Placement(IpAddress address, String iface) {

    Placement {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(iface, "iface");
    }

    /** Flattens address → interfaces into its placements. */
    static Set<Placement> of(Map<IpAddress, Set<String>> placed) {
        Set<Placement> out = new HashSet<>();
        placed.forEach((ip, ifaces) -> ifaces.forEach(i -> out.add(new Placement(ip, i))));
        return out;
    }
}
