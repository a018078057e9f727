package io.metallb.api.spi;

import java.util.Map;

/** Makes a {@link Membership}; found with {@link java.util.ServiceLoader}. */
public interface MembershipProvider {

    /** The implementation's name. */
    String name();

    /** Membership for {@code nodeName}, configured by {@code options}. */
    Membership create(String nodeName, Map<String, String> options);
}
