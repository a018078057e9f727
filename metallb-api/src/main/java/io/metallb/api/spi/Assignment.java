package io.metallb.api.spi;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.ServiceKey;
import java.util.List;
import java.util.Objects;

/** The addresses a service holds (one, or one per family) and the pool they came from. */
public record Assignment(ServiceKey service, List<IpAddress> ips, String pool) {

    public Assignment {
        Objects.requireNonNull(service, "service");
        ips = List.copyOf(ips);
        Objects.requireNonNull(pool, "pool");
        if (ips.isEmpty()) {
            throw new IllegalArgumentException("an assignment holds at least one address");
        }
    }
}
