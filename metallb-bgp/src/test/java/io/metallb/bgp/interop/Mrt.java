package io.metallb.bgp.interop;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an MRT TABLE_DUMP_V2 file (RFC 6396 §4.3) of N locally originated routes, the form
 * {@code gobgp mrt inject global FILE} loads into gobgpd in one call: a PEER_INDEX_TABLE with one peer, then one
 * RIB_IPV4_UNICAST or RIB_IPV6_UNICAST record per prefix with ORIGIN IGP, an empty AS_PATH and the next hop
 * (NEXT_HOP, or a whole MP_REACH_NLRI as GoBGP reads it).
 *
 * <p>gobgp 3.10's {@code mrt inject} loses the tail of its stream (measured: 438-775 of 1,000 records arrived,
 * always a contiguous head), so each file ends with {@value #PADDING} padding records from a range the benchmark's
 * gobgpd refuses to export ({@link #PADDING_V4}, {@link #PADDING_V6}); the real ones then all arrive.
 */
final class Mrt {
    private static final int TABLE_DUMP_V2 = 13;
    private static final int PEER_INDEX_TABLE = 1;
    private static final int RIB_IPV4_UNICAST = 2;
    private static final int RIB_IPV6_UNICAST = 4;

    static final int PADDING = 8192;
    /** 198.19.160.0/19: the last 8,192 /32 of 198.18.0.0/15. */
    static final String PADDING_V4 = "198.19.160.0/19";
    static final int PADDING_V4_FIRST = 0xC613A000;
    static final String PADDING_V6 = "2001:db8:a::/48";
    static final long PADDING_V6_HIGH = 0x20010db8_000a0000L;

    private Mrt() {
    }

    /** IPv4 /32 from {@code first} on, next hop {@code nextHop} (4 octets). */
    static void ipv4(Path file, int first, int count, byte[] nextHop) {
        write(file, (out, i) -> {
            int a = i < count ? first + i : PADDING_V4_FIRST + i - count;
            byte[] prefix = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
            byte[] attrs = concat(ORIGIN_IGP, EMPTY_AS_PATH, new byte[] {0x40, 3, 4}, nextHop);
            rib(out, RIB_IPV4_UNICAST, i, 32, prefix, attrs);
        }, count);
    }

    /** IPv6 /128 {@code high:low+i}, next hop {@code nextHop} (16 octets). */
    static void ipv6(Path file, long high, long low, int count, byte[] nextHop) {
        write(file, (out, i) -> {
            byte[] prefix = java.nio.ByteBuffer.allocate(16).putLong(i < count ? high : PADDING_V6_HIGH)
                    .putLong(i < count ? low + i : i - count).array();
            // MP_REACH_NLRI: AFI 2, SAFI 1, next hop, reserved, the one prefix.
            byte[] value = concat(new byte[] {0, 2, 1, 16}, nextHop, new byte[] {0, (byte) 128}, prefix);
            byte[] attrs = concat(ORIGIN_IGP, EMPTY_AS_PATH, new byte[] {(byte) 0x80, 14, (byte) value.length},
                    value);
            rib(out, RIB_IPV6_UNICAST, i, 128, prefix, attrs);
        }, count);
    }

    private static final byte[] ORIGIN_IGP = {0x40, 1, 1, 0};
    private static final byte[] EMPTY_AS_PATH = {0x40, 2, 0};

    private interface Record {
        void write(DataOutputStream out, int i) throws IOException;
    }

    private static void write(Path file, Record record, int count) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            // PEER_INDEX_TABLE: collector ID, empty view name, one peer (type 2: IPv4 address, 4-octet AS).
            byte[] peers = {10, 0, 0, 1, 0, 0, 0, 1, 2, 10, 0, 0, 1, 127, 0, 0, 1, 0, 0, (byte) 0xFC, 1};
            header(out, PEER_INDEX_TABLE, peers.length);
            out.write(peers);
            for (int i = 0; i < count + PADDING; i++) {
                record.write(out, i);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rib(DataOutputStream out, int subtype, int sequence, int length, byte[] prefix,
            byte[] attrs) throws IOException {
        int octets = (length + 7) / 8;
        header(out, subtype, 4 + 1 + octets + 2 + 2 + 4 + 2 + attrs.length);
        out.writeInt(sequence);
        out.writeByte(length);
        out.write(prefix, 0, octets);
        out.writeShort(1); // one entry
        out.writeShort(0); // peer index
        out.writeInt(0); // originated time
        out.writeShort(attrs.length);
        out.write(attrs);
    }

    private static void header(DataOutputStream out, int subtype, int length) throws IOException {
        out.writeInt(0); // timestamp
        out.writeShort(TABLE_DUMP_V2);
        out.writeShort(subtype);
        out.writeInt(length);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
