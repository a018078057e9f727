package io.metallb.api.service;

/** {@code spec.type}. Only {@code LoadBalancer} services get an address. */
public enum ServiceType {
    CLUSTER_IP("ClusterIP"),
    NODE_PORT("NodePort"),
    LOAD_BALANCER("LoadBalancer"),
    EXTERNAL_NAME("ExternalName");

    private final String wireName;

    ServiceType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ServiceType fromWireName(String name) {
        for (ServiceType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not a service type");
    }
}
