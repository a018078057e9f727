package io.metallb.api.service;

/**
 * {@code spec.externalTrafficPolicy}. With {@code Local}, only nodes with a ready endpoint of the service may
 * announce it; with {@code Cluster} (the default) every eligible node may.
 */
public enum ExternalTrafficPolicy {
    CLUSTER("Cluster"),
    LOCAL("Local");

    private final String wireName;

    ExternalTrafficPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ExternalTrafficPolicy fromWireName(String name) {
        return switch (name) {
            case "Cluster" -> CLUSTER;
            case "Local" -> LOCAL;
            default -> throw new IllegalArgumentException("\"" + name
                    + "\" is not an externalTrafficPolicy (expected: Cluster or Local)");
        };
    }
}
