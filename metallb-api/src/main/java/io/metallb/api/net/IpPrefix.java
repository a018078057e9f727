package io.metallb.api.net;

import java.util.Objects;

/**
 * A CIDR prefix such as {@code 198.51.100.0/24} or {@code 2001:db8::/64}. The address is always the network
 * address: host bits given in the text are masked off, as Go's {@code net.ParseCIDR} (and so MetalLB) does.
 */
public record IpPrefix(IpAddress network, int length) implements Comparable<IpPrefix> {

    public IpPrefix {
        Objects.requireNonNull(network, "network");
        int bits = network.family().bits();
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length: " + length + " (expected: 0.." + bits + ")");
        }
        // A host prefix (/32, /128: what services announce) has no host bits: no new address needed.
        network = length == bits ? network : mask(network, length);
    }

    /**
     * Parses {@code address/length} as Go's {@code net.ParseCIDR} does: no surrounding spaces, the length in
     * decimal digits (leading zeros allowed, as Go's {@code dtoi} allows them), host bits masked off.
     *
     * @throws IllegalArgumentException {@code invalid CIDR "text"}, with the reason
     */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw invalid(text, "no prefix length");
        }
        IpAddress addr;
        try {
            addr = IpAddress.parse(text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
        String len = text.substring(slash + 1);
        int bits = addr.family().bits();
        int length = 0;
        for (int i = 0; i < len.length(); i++) {
            char c = len.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(text, "prefix length \"" + len + "\" is not a number");
            }
            length = Math.min(length * 10 + (c - '0'), bits + 1);
        }
        if (len.isEmpty() || length > bits) {
            throw invalid(text, "prefix length \"" + len + "\" (expected: 0.." + bits + ")");
        }
        return new IpPrefix(addr, length);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid CIDR \"" + text + "\": " + why);
    }

    /** The prefix of {@code length} bits that contains {@code address}. */
    public static IpPrefix containing(IpAddress address, int length) {
        return new IpPrefix(address, length);
    }

    public IpFamily family() {
        return network.family();
    }

    /** The first (network) address. */
    public IpAddress first() {
        return network;
    }

    /** The last (broadcast) address. */
    public IpAddress last() {
        int host = family().bits() - length;
        long hi = network.high();
        long lo = network.low();
        if (host >= 64) {
            lo = -1L;
            hi |= host == 128 ? -1L : (1L << (host - 64)) - 1;
        } else if (host > 0) {
            lo |= (1L << host) - 1;
        }
        if (family() == IpFamily.IPV4) {
            lo &= 0xFFFF_FFFFL;
        }
        return new IpAddress(family(), hi, lo);
    }

    /** True when {@code address} is inside this prefix. */
    public boolean contains(IpAddress address) {
        return address.family() == family() && mask(address, length).equals(network);
    }

    /** The same addresses as a range. */
    public IpRange toRange() {
        return new IpRange(first(), last());
    }

    static IpAddress mask(IpAddress a, int length) {
        int bits = a.family().bits();
        long hi = a.high();
        long lo = a.low();
        int host = bits - length;
        if (host >= 64) {
            lo = 0;
            hi = host >= 128 ? 0 : hi & ~((1L << (host - 64)) - 1);
        } else if (host > 0) {
            lo &= ~((1L << host) - 1);
        }
        if (a.family() == IpFamily.IPV4) {
            lo &= 0xFFFF_FFFFL;
        }
        return new IpAddress(a.family(), hi, lo);
    }

    @Override
    public int compareTo(IpPrefix o) {
        int c = network.compareTo(o.network);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
