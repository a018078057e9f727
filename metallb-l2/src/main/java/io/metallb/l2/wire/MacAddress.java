package io.metallb.l2.wire;

/**
 * A 48-bit IEEE 802 MAC address held in the low 48 bits of {@code value}.
 *
 * @param value the address, most significant octet first in bits 47..40
 */
public record MacAddress(long value) {

    /** ff:ff:ff:ff:ff:ff. */
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    /** 00:00:00:00:00:00, the unknown target hardware address of an ARP request (RFC 826). */
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        if ((value >>> 48) != 0) {
            throw new IllegalArgumentException("MAC value: 0x" + Long.toHexString(value) + " (expected: 48 bits)");
        }
    }

    /** The address in the six bytes at {@code offset}. */
    public static MacAddress read(byte[] bytes, int offset) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (bytes[offset + i] & 0xFF);
        }
        return new MacAddress(v);
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (also with {@code -} separators). */
    public static MacAddress parse(String text) {
        String[] parts = text.trim().split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("MAC address: \"" + text + "\" (expected: six hex octets)");
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2) {
                throw new IllegalArgumentException("MAC address: \"" + text + "\" (expected: six hex octets)");
            }
            v = (v << 8) | Integer.parseInt(p, 16);
        }
        return new MacAddress(v);
    }

    /** The multicast MAC of an IPv6 multicast group: 33:33 + its last 32 bits (RFC 2464 §7). */
    public static MacAddress ipv6Multicast(long groupLow) {
        return new MacAddress(0x3333_0000_0000L | (groupLow & 0xFFFF_FFFFL));
    }

    /** Writes the six bytes at {@code offset}. */
    public void write(byte[] out, int offset) {
        for (int i = 0; i < 6; i++) {
            out[offset + i] = (byte) (value >>> (40 - 8 * i));
        }
    }

    /** True for group addresses (the I/G bit, least significant bit of the first octet). */
    public boolean isMulticast() {
        return ((value >>> 40) & 1) != 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", (value >>> (40 - 8 * i)) & 0xFF));
        }
        return sb.toString();
    }
}
