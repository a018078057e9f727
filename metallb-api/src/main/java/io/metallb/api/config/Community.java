package io.metallb.api.config;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@code Community} object ({@code metallb.io/v1beta1}): named aliases for community values, usable in
 * {@code BGPAdvertisement.spec.communities}.
 *
 * @param aliases alias name to community value
 */
public record Community(String name, Map<String, BgpCommunity> aliases) {

    public Community {
        Objects.requireNonNull(name, "name");
        aliases = java.util.Collections.unmodifiableMap(new TreeMap<>(aliases));
    }
}
