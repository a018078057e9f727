package io.metallb.l2.wire;

/**
 * The ICMPv6 checksum, RFC 4443 §2.3: the 16-bit one's complement of the one's complement sum of the IPv6
 * pseudo-header (RFC 8200 §8.1) and the whole ICMPv6 message, with its checksum field taken as zero.
 *
 * <pre>
 * +--------------------------------------------------+
 * | source address (128)                             |
 * | destination address (128)                        |
 * | upper-layer packet length (32)                   |
 * | zero (24)                          | next hdr=58 |
 * +--------------------------------------------------+
 * </pre>
 */
final class Icmpv6Checksum {

    private Icmpv6Checksum() {
    }

    /**
     * The checksum of the ICMPv6 message at {@code b[icmp, icmp+length)} sent from the 16 bytes at {@code src}
     * to the 16 bytes at {@code dst}. Verifying a received message: the result is 0 when it is intact, since the
     * stored checksum takes part in the sum.
     */
    static int compute(byte[] b, int src, int dst, int icmp, int length) {
        long sum = 0;
        for (int i = 0; i < 16; i += 2) {
            sum += Bytes.u16(b, src + i) + Bytes.u16(b, dst + i);
        }
        sum += (length >>> 16) + (length & 0xFFFF) + 58;
        int i = 0;
        for (; i + 1 < length; i += 2) {
            sum += Bytes.u16(b, icmp + i);
        }
        if (i < length) {
            sum += (b[icmp + i] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
