package io.metallb.bgp.wire;

/** An address family (RFC 4760 AFI, 16 bits) and subsequent address family (SAFI, 8 bits). */
public record AfiSafi(int afi, int safi) {
    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int SAFI_UNICAST = 1;
    public static final AfiSafi IPV4_UNICAST = new AfiSafi(AFI_IPV4, SAFI_UNICAST);
    public static final AfiSafi IPV6_UNICAST = new AfiSafi(AFI_IPV6, SAFI_UNICAST);

    public AfiSafi {
        if ((afi & ~0xFFFF) != 0 || (safi & ~0xFF) != 0) {
            throw new IllegalArgumentException("afi/safi: " + afi + "/" + safi + " (expected: 16/8-bit)");
        }
    }

    /** True for the two families this speaker decodes prefixes of. */
    public boolean isIpUnicast() {
        return safi == SAFI_UNICAST && (afi == AFI_IPV4 || afi == AFI_IPV6);
    }
}
