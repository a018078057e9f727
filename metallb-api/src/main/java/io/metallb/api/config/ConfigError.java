package io.metallb.api.config;

import java.util.Objects;

/**
 * One reason a config was refused, naming the kind, the object and the field, e.g.
 * {@code IPAddressPool "prod": spec.addresses[1]: "10.0.0.300/24" is not a CIDR or a range}.
 *
 * @param kind object kind ({@code IPAddressPool}, {@code BGPPeer}, ..., or {@code ConfigMap} for the legacy form)
 * @param object object name (empty when the object has none)
 * @param field path of the field inside the object, e.g. {@code spec.addresses[1]} (empty for the whole object)
 * @param message what is wrong, with the offending value quoted
 */
public record ConfigError(String kind, String object, String field, String message) implements Comparable<ConfigError> {

    public ConfigError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public int compareTo(ConfigError o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind);
        if (!object.isEmpty()) {
            sb.append(" \"").append(object).append('"');
        }
        sb.append(": ");
        if (!field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(message).toString();
    }
}
