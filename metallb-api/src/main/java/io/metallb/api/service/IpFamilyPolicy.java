package io.metallb.api.service;

/** {@code spec.ipFamilyPolicy}. Absent in the object means SingleStack. */
public enum IpFamilyPolicy {
    SINGLE_STACK("SingleStack"),
    PREFER_DUAL_STACK("PreferDualStack"),
    REQUIRE_DUAL_STACK("RequireDualStack");

    private final String wireName;

    IpFamilyPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static IpFamilyPolicy fromWireName(String name) {
        for (IpFamilyPolicy p : values()) {
            if (p.wireName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not an ipFamilyPolicy"
                + " (expected: SingleStack, PreferDualStack or RequireDualStack)");
    }
}
