package io.metallb.api.spi;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.ServiceKey;
import java.util.List;
import java.util.Objects;

/**
 * One address this node must make reachable for one service, with the advertisements (by name, of the
 * announcer's protocol) that apply to it. Several services sharing an address give several announcements of
 * the same address.
 */
public record Announcement(ServiceKey service, IpAddress address, String pool, List<String> advertisements) {

    public Announcement {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(pool, "pool");
        advertisements = List.copyOf(advertisements);
    }
}
