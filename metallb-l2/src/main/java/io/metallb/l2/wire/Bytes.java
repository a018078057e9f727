package io.metallb.l2.wire;

import io.metallb.api.net.IpAddress;
import java.util.Arrays;

/** Big-endian reads and writes shared by the codecs of this package. */
final class Bytes {

    private Bytes() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static IpAddress ip(byte[] b, int i, int length) {
        return IpAddress.ofBytes(Arrays.copyOfRange(b, i, i + length));
    }

    static void putIp(byte[] b, int i, IpAddress a) {
        byte[] raw = a.toBytes();
        System.arraycopy(raw, 0, b, i, raw.length);
    }
}
