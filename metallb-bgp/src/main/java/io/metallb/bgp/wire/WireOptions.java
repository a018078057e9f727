package io.metallb.bgp.wire;

/**
 * What the OPEN exchange negotiated that changes the wire format of later messages.
 *
 * @param fourOctetAs both sides sent the 4-octet AS capability (RFC 6793): AS_PATH and AGGREGATOR carry 4 octets
 * @param extendedMessage both sides sent the extended message capability (RFC 8654): messages up to 65535
 */
public record WireOptions(boolean fourOctetAs, boolean extendedMessage) {
    /** Before OPEN is exchanged: 2-octet ASes, 4096-octet messages. */
    public static final WireOptions INITIAL = new WireOptions(false, false);
    /** What two modern speakers negotiate. */
    public static final WireOptions MODERN = new WireOptions(true, true);

    public static final int MAX_LENGTH = 4096;
    public static final int MAX_EXTENDED_LENGTH = 65535;

    /** The largest message allowed after the exchange. */
    public int maxMessageLength() {
        return extendedMessage ? MAX_EXTENDED_LENGTH : MAX_LENGTH;
    }

    /** Options from both OPENs: a capability counts only when both sides advertised it. */
    public static WireOptions negotiated(Open mine, Open theirs) {
        return new WireOptions(
                both(mine, theirs, Capability.FourOctetAs.class),
                both(mine, theirs, Capability.ExtendedMessage.class));
    }

    private static boolean both(Open a, Open b, Class<? extends Capability> kind) {
        return a.capability(kind).isPresent() && b.capability(kind).isPresent();
    }
}
