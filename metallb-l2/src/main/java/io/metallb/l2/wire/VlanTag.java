package io.metallb.l2.wire;

/**
 * One IEEE 802.1Q tag between the source MAC and the EtherType.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      TPID (0x8100 / 0x88a8)   | PCP |D|         VID           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param tpid 0x8100 (C-tag) or 0x88a8 (S-tag, 802.1ad)
 * @param pcp priority code point, 0..7
 * @param dei drop eligible indicator
 * @param vid VLAN identifier, 0..4095
 */
public record VlanTag(int tpid, int pcp, boolean dei, int vid) {

    /** 802.1Q customer tag. */
    public static final int TPID_8021Q = 0x8100;
    /** 802.1ad service tag (QinQ outer tag). */
    public static final int TPID_8021AD = 0x88A8;

    public VlanTag {
        if (tpid != TPID_8021Q && tpid != TPID_8021AD) {
            throw new IllegalArgumentException("TPID: 0x" + Integer.toHexString(tpid) + " (expected: 0x8100 or 0x88a8)");
        }
        if (pcp < 0 || pcp > 7) {
            throw new IllegalArgumentException("PCP: " + pcp + " (expected: 0..7)");
        }
        if (vid < 0 || vid > 4095) {
            throw new IllegalArgumentException("VID: " + vid + " (expected: 0..4095)");
        }
    }

    /** True when {@code etherType} announces a tag. */
    public static boolean isTpid(int etherType) {
        return etherType == TPID_8021Q || etherType == TPID_8021AD;
    }

    /** The 16-bit tag control information. */
    int tci() {
        return (pcp << 13) | (dei ? 0x1000 : 0) | vid;
    }

    static VlanTag of(int tpid, int tci) {
        return new VlanTag(tpid, tci >>> 13, (tci & 0x1000) != 0, tci & 0x0FFF);
    }
}
