package io.metallb.bgp.wire;

import java.util.Arrays;

/** A growable big-endian byte sink with back-patching of length fields. */
final class WireWriter {
    private byte[] data = new byte[64];
    private int size;

    private void ensure(int n) {
        if (size + n > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
        }
    }

    WireWriter u8(int v) {
        ensure(1);
        data[size++] = (byte) v;
        return this;
    }

    WireWriter u16(int v) {
        ensure(2);
        data[size++] = (byte) (v >>> 8);
        data[size++] = (byte) v;
        return this;
    }

    WireWriter u32(long v) {
        ensure(4);
        data[size++] = (byte) (v >>> 24);
        data[size++] = (byte) (v >>> 16);
        data[size++] = (byte) (v >>> 8);
        data[size++] = (byte) v;
        return this;
    }

    WireWriter bytes(byte[] b) {
        return bytes(b, b.length);
    }

    WireWriter bytes(byte[] b, int length) {
        ensure(length);
        System.arraycopy(b, 0, data, size, length);
        size += length;
        return this;
    }

    int size() {
        return size;
    }

    void putU8(int at, int v) {
        data[at] = (byte) v;
    }

    void putU16(int at, int v) {
        data[at] = (byte) (v >>> 8);
        data[at + 1] = (byte) v;
    }

    byte[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
