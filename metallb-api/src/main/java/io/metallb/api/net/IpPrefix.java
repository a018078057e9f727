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
        network = mask(network, length);
    }

    /**
     * Parses {@code address/length}.
     *
     * @throws IllegalArgumentException naming the text when it is not a CIDR
     */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR");
        }
        IpAddress addr;
        try {
            addr = IpAddress.parse(text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR", e);
        }
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')
                || (len.length() > 1 && len.charAt(0) == '0')) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR");
        }
        int length = Integer.parseInt(len);
        if (length > addr.family().bits()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR: prefix length " + length
                    + " (expected: 0.." + addr.family().bits() + ")");
        }
        return new IpPrefix(addr, length);
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
