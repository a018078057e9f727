package io.metallb.bgp.wire;

/**
 * A bounds-checked cursor over part of a byte array. Every read checks the remaining length first and, when short,
 * throws the {@link BgpError} this reader was made with, so a read can never leave its frame.
 */
final class WireReader {
    private final byte[] data;
    private final int start;
    private final int limit;
    private final int code;
    private final int subcode;
    private final BgpError.Handling handling;
    private final String what;
    private int position;

    private WireReader(byte[] data, int from, int limit, int code, int subcode, BgpError.Handling handling,
            String what) {
        this.data = data;
        this.position = from;
        this.start = from;
        this.limit = limit;
        this.code = code;
        this.subcode = subcode;
        this.handling = handling;
        this.what = what;
    }

    static WireReader of(byte[] data, int code, int subcode, String what) {
        return new WireReader(data, 0, data.length, code, subcode, BgpError.Handling.SESSION_RESET, what);
    }

    /** The next {@code length} bytes as a reader with its own error, advancing this one past them. */
    WireReader slice(int length, int code, int subcode, BgpError.Handling handling, String what) {
        need(length);
        WireReader r = new WireReader(data, position, position + length, code, subcode, handling, what);
        position += length;
        return r;
    }

    WireReader slice(int length, String what) {
        return slice(length, code, subcode, handling, what);
    }

    int remaining() {
        return limit - position;
    }

    boolean hasRemaining() {
        return position < limit;
    }

    /** The whole length of this reader's range, read or not. */
    int length() {
        return limit - start;
    }

    int position() {
        return position;
    }

    void need(int n) {
        if (n < 0 || remaining() < n) {
            throw new BgpError(code, subcode, Bytes.EMPTY, handling,
                    what + ": " + remaining() + " bytes left (expected: " + n + ")").exception();
        }
    }

    int u8() {
        need(1);
        return data[position++] & 0xFF;
    }

    int u16() {
        need(2);
        int v = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
        position += 2;
        return v;
    }

    long u32() {
        need(4);
        long v = ((long) (data[position] & 0xFF) << 24) | ((data[position + 1] & 0xFF) << 16)
                | ((data[position + 2] & 0xFF) << 8) | (data[position + 3] & 0xFF);
        position += 4;
        return v;
    }

    byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(data, position, out, 0, n);
        position += n;
        return out;
    }

    Bytes rest() {
        return Bytes.of(bytes(remaining()));
    }

    /** Bytes from {@code from} (an earlier position) to the current one, for NOTIFICATION data. */
    Bytes since(int from) {
        byte[] out = new byte[position - from];
        System.arraycopy(data, from, out, 0, out.length);
        return Bytes.of(out);
    }

    /** An error of this reader's kind at this point. */
    BgpException error(String detail) {
        return new BgpError(code, subcode, Bytes.EMPTY, handling, what + ": " + detail).exception();
    }
}
