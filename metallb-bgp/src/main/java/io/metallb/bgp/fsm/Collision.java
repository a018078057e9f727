package io.metallb.bgp.fsm;

/**
 * Connection collision detection (RFC 4271 §6.8): with two connections to one peer, the one initiated by the
 * speaker with the higher BGP Identifier survives; the other is closed with Cease / Connection Collision
 * Resolution. Identifiers compare as unsigned 32-bit numbers.
 */
public final class Collision {
    /** Which connection survives. */
    public enum Survivor {
        /** The connection we dialled. */
        OUTBOUND,
        /** The connection the peer dialled. */
        INBOUND
    }

    private Collision() {
    }

    public static Survivor survivor(long localId, long remoteId) {
        return Long.compareUnsigned(localId, remoteId) > 0 ? Survivor.OUTBOUND : Survivor.INBOUND;
    }
}
