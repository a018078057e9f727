package io.metallb.api.net;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address held as a 128-bit unsigned number ({@code high}, {@code low}).
 *
 * <p>IPv4 addresses use only the low 32 bits of {@code low}; {@code high} is 0. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:a.b.c.d}) stay IPv6, as Kubernetes and MetalLB keep them apart. Parsing is strict: literal
 * addresses only, never a host name, so nothing here ever touches DNS.
 */
public record IpAddress(IpFamily family, long high, long low) implements Comparable<IpAddress> {

    public IpAddress {
        Objects.requireNonNull(family, "family");
        if (family == IpFamily.IPV4 && (high != 0 || (low >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 address out of range: " + Long.toHexString(low));
        }
    }

    /** An IPv4 address from its 32-bit value. */
    public static IpAddress ofV4(int value) {
        return new IpAddress(IpFamily.IPV4, 0, value & 0xFFFF_FFFFL);
    }

    /** An IPv6 address from its two 64-bit halves. */
    public static IpAddress ofV6(long high, long low) {
        return new IpAddress(IpFamily.IPV6, high, low);
    }

    /** An address from its network-order bytes: 4 for IPv4, 16 for IPv6. */
    public static IpAddress ofBytes(byte[] bytes) {
        if (bytes.length == 4) {
            return ofV4(((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8)
                    | (bytes[3] & 0xFF));
        }
        if (bytes.length == 16) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (bytes[i] & 0xFF);
                lo = (lo << 8) | (bytes[i + 8] & 0xFF);
            }
            return ofV6(hi, lo);
        }
        throw new IllegalArgumentException("address length: " + bytes.length + " (expected: 4 or 16)");
    }

    /**
     * Parses a literal IPv4 ({@code 198.51.100.7}) or IPv6 ({@code 2001:db8::7}, {@code ::ffff:1.2.3.4}) address.
     *
     * @throws IllegalArgumentException naming the text when it is not an address
     */
    public static IpAddress parse(String text) {
        return IpLiteralParser.parse(text);
    }

    /** The address as network-order bytes: 4 for IPv4, 16 for IPv6. */
    public byte[] toBytes() {
        if (family == IpFamily.IPV4) {
            int v = (int) low;
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (high >>> (56 - 8 * i));
            out[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        return out;
    }

    /** The address as an unsigned number. */
    public BigInteger toBigInteger() {
        BigInteger hi = new BigInteger(Long.toUnsignedString(high));
        return hi.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(low)));
    }

    /** The address at {@code value} in this family; {@code value} must fit the family's width. */
    public static IpAddress ofBigInteger(IpFamily family, BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > family.bits()) {
            throw new IllegalArgumentException(value + " does not fit in " + family.bits() + " bits");
        }
        return new IpAddress(family, value.shiftRight(64).longValue(), value.longValue());
    }

    /** The next address; {@link IllegalStateException} at the top of the family. */
    public IpAddress next() {
        if (isMax()) {
            throw new IllegalStateException("no address after " + this);
        }
        long lo = low + 1;
        long hi = lo == 0 ? high + 1 : high;
        return new IpAddress(family, hi, lo);
    }

    /** The previous address; {@link IllegalStateException} at the bottom of the family. */
    public IpAddress previous() {
        if (high == 0 && low == 0) {
            throw new IllegalStateException("no address before " + this);
        }
        long hi = low == 0 ? high - 1 : high;
        return new IpAddress(family, hi, low - 1);
    }

    /** True when this is the highest address of its family. */
    public boolean isMax() {
        return family == IpFamily.IPV4 ? low == 0xFFFF_FFFFL : (high == -1L && low == -1L);
    }

    /** True for IPv4. */
    public boolean isV4() {
        return family == IpFamily.IPV4;
    }

    /**
     * Number of addresses from this one to {@code other} inclusive, saturated at {@link Long#MAX_VALUE}.
     * Both must be of the same family and {@code other >= this}.
     */
    public long saturatedCountTo(IpAddress other) {
        requireSameFamily(other);
        if (other.compareTo(this) < 0) {
            throw new IllegalArgumentException("count from " + this + " to " + other + ": end is before start");
        }
        long dHigh = other.high - high;
        long dLow = other.low - low;
        if (Long.compareUnsigned(other.low, low) < 0) {
            dHigh -= 1;
        }
        if (dHigh != 0 || dLow < 0 || dLow == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return dLow + 1;
    }

    void requireSameFamily(IpAddress other) {
        if (other.family != family) {
            throw new IllegalArgumentException("mixed families: " + this + " and " + other);
        }
    }

    /** Orders IPv4 before IPv6, then by numeric value. */
    @Override
    public int compareTo(IpAddress o) {
        int c = family.compareTo(o.family);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    /** Dotted quad for IPv4, RFC 5952 canonical text for IPv6. */
    @Override
    public String toString() {
        return IpLiteralParser.format(this);
    }
}
