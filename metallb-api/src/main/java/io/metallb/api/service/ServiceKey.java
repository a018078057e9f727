package io.metallb.api.service;

import java.util.Objects;

/** A Service's identity: {@code namespace/name}. */
public record ServiceKey(String namespace, String name) implements Comparable<ServiceKey> {

    public ServiceKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** Parses {@code namespace/name}; a bare name is in namespace {@code default}. */
    public static ServiceKey parse(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? new ServiceKey("default", text)
                : new ServiceKey(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public int compareTo(ServiceKey o) {
        int c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
