package io.metallb.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/** Immutable bytes with value equality: unknown capabilities, attributes and NOTIFICATION data, kept verbatim. */
public final class Bytes {
    /** No bytes. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}. */
    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** Parses hex digits, ignoring whitespace. */
    public static Bytes ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex.replaceAll("\\s+", "")));
    }

    public int length() {
        return data.length;
    }

    public int get(int index) {
        return data[index] & 0xFF;
    }

    /** A copy of the bytes. */
    public byte[] toArray() {
        return data.clone();
    }

    void writeTo(WireWriter out) {
        out.bytes(data);
    }

    public String toHex() {
        return HexFormat.of().formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "0x" + toHex();
    }
}
