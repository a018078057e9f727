package io.metallb.api.spi;

import java.util.Objects;

/**
 * Address counts of one pool per family, as MetalLB's metrics and IPAddressPool status report them. Totals
 * saturate at {@link Long#MAX_VALUE} (an IPv6 /64 holds 2^64 addresses).
 */
public record PoolUsage(String pool, long v4InUse, long v4Total, long v6InUse, long v6Total) {

    public PoolUsage {
        Objects.requireNonNull(pool, "pool");
    }

    public long v4Available() {
        return v4Total - v4InUse;
    }

    public long v6Available() {
        return v6Total == Long.MAX_VALUE ? Long.MAX_VALUE : v6Total - v6InUse;
    }
}
