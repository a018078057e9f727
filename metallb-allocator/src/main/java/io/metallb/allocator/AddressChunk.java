package io.metallb.allocator;

import io.metallb.api.net.IpAddress;

/**
 * 256 consecutive addresses (aligned on the low 8 bits): which are unavailable, and who holds each one.
 *
 * <p>{@code blocked} has a bit per address, set when the address is outside the pool's ranges, avoided as
 * buggy, or held; {@code holders} has a slot per address: nothing, one {@link Lease}, or a {@code Lease[]} when
 * services share it. A full chunk of a 2^20 pool costs about 1.1 KB, 4.3 bytes per address.
 */
final class AddressChunk {

    static final int SIZE = 256;

    final IpAddress base;
    private final long[] blocked = new long[SIZE / 64];
    private final Object[] holders = new Object[SIZE];
    private int available;

    AddressChunk(IpAddress base) {
        this.base = base;
    }

    static IpAddress baseOf(IpAddress ip) {
        return new IpAddress(ip.family(), ip.high(), ip.low() & ~0xFFL);
    }

    static IpAddress lastOf(IpAddress base) {
        return new IpAddress(base.family(), base.high(), base.low() | 0xFFL);
    }

    static int offset(IpAddress ip) {
        return (int) (ip.low() & 0xFF);
    }

    /** Marks offsets {@code from..to} (inclusive) as usable; called while building the chunk. */
    void open(int from, int to) {
        for (int i = from; i <= to; i++) {
            if (isBlocked(i)) {
                blocked[i >>> 6] &= ~(1L << i);
                available++;
            }
        }
    }

    /** Blocks offset {@code i} (an avoided address); called while building the chunk. */
    void close(int i) {
        if (!isBlocked(i)) {
            blocked[i >>> 6] |= 1L << i;
            available--;
        }
    }

    /** Blocks everything; the starting state, before {@link #open}. */
    void blockAll() {
        java.util.Arrays.fill(blocked, -1L);
        available = 0;
    }

    boolean isBlocked(int i) {
        return (blocked[i >>> 6] & (1L << i)) != 0;
    }

    int available() {
        return available;
    }

    /** Takes a usable offset; returns how many remain available. */
    int take(int i) {
        blocked[i >>> 6] |= 1L << i;
        return --available;
    }

    /** Gives a taken offset back; returns how many are available now. */
    int give(int i) {
        blocked[i >>> 6] &= ~(1L << i);
        return ++available;
    }

    /** The lowest available offset, or -1. */
    int firstAvailable() {
        for (int w = 0; w < blocked.length; w++) {
            if (blocked[w] != -1L) {
                return (w << 6) + Long.numberOfTrailingZeros(~blocked[w]);
            }
        }
        return -1;
    }

    IpAddress address(int i) {
        return new IpAddress(base.family(), base.high(), base.low() | i);
    }

    Object holder(int i) {
        return holders[i];
    }

    void setHolder(int i, Object holder) {
        holders[i] = holder;
    }
}
