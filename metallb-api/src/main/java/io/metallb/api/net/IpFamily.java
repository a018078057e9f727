package io.metallb.api.net;

/** The two IP address families, with their address width in bits. */
public enum IpFamily {
    IPV4(32),
    IPV6(128);

    private final int bits;

    IpFamily(int bits) {
        this.bits = bits;
    }

    /** Address width in bits: 32 or 128. */
    public int bits() {
        return bits;
    }

    /** The Kubernetes spelling used in {@code spec.ipFamilies}: {@code IPv4} or {@code IPv6}. */
    public String kubernetesName() {
        return this == IPV4 ? "IPv4" : "IPv6";
    }

    /** Parses the Kubernetes spelling ({@code IPv4}, {@code IPv6}). */
    public static IpFamily fromKubernetesName(String name) {
        return switch (name) {
            case "IPv4" -> IPV4;
            case "IPv6" -> IPV6;
            default -> throw new IllegalArgumentException("ip family: \"" + name + "\" (expected: IPv4 or IPv6)");
        };
    }
}
