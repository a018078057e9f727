package io.metallb.api.config;

/**
 * A BGP community: standard (RFC 1997, {@code 64512:100}) or large (RFC 8092, {@code large:64512:1:2}).
 */
public sealed interface BgpCommunity permits BgpCommunity.Standard, BgpCommunity.Large {

    /**
     * Parses {@code a:b} (two 16-bit numbers) or {@code large:a:b:c} (three 32-bit numbers).
     *
     * @throws IllegalArgumentException naming the text and the part that is wrong
     */
    static BgpCommunity parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length == 4 && parts[0].equals("large")) {
            return new Large(number(text, parts[1], 0xFFFF_FFFFL), number(text, parts[2], 0xFFFF_FFFFL),
                    number(text, parts[3], 0xFFFF_FFFFL));
        }
        if (parts.length == 2) {
            return new Standard((int) number(text, parts[0], 0xFFFF), (int) number(text, parts[1], 0xFFFF));
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a community"
                + " (expected: a:b with 16-bit numbers, or large:a:b:c with 32-bit numbers)");
    }

    private static long number(String whole, String part, long max) {
        if (part.isEmpty() || part.length() > 10 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + whole + "\" is not a community: \"" + part
                    + "\" is not a number");
        }
        long v = Long.parseLong(part);
        if (v > max) {
            throw new IllegalArgumentException("\"" + whole + "\" is not a community: " + v + " is above " + max);
        }
        return v;
    }

    /** RFC 1997 community: 16-bit AS, 16-bit value. */
    record Standard(int asn, int value) implements BgpCommunity {
        public Standard {
            if ((asn & ~0xFFFF) != 0 || (value & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("community parts must be 16-bit: " + asn + ":" + value);
            }
        }

        /** The 32-bit wire value. */
        public int toInt() {
            return (asn << 16) | value;
        }

        @Override
        public String toString() {
            return asn + ":" + value;
        }
    }

    /** RFC 8092 large community: three 32-bit numbers. */
    record Large(long globalAdministrator, long localData1, long localData2) implements BgpCommunity {
        public Large {
            if ((globalAdministrator >>> 32) != 0 || (localData1 >>> 32) != 0 || (localData2 >>> 32) != 0) {
                throw new IllegalArgumentException("large community parts must be 32-bit");
            }
        }

        @Override
        public String toString() {
            return "large:" + globalAdministrator + ":" + localData1 + ":" + localData2;
        }
    }
}
