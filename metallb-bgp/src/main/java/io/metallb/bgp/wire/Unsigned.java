package io.metallb.bgp.wire;

/** Range checks shared by the records of this package. */
final class Unsigned {
    private Unsigned() {
    }

    static void check32(String what, long value) {
        if ((value >>> 32) != 0) {
            throw new IllegalArgumentException(what + ": " + value + " (expected: 0..4294967295)");
        }
    }
}
