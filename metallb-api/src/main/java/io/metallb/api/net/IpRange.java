package io.metallb.api.net;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An inclusive range of addresses of one family, {@code first <= last}. This is the compact form of every
 * pool entry: a CIDR and a {@code start-end} range both become one range, however many addresses it holds.
 */
public record IpRange(IpAddress first, IpAddress last) implements Comparable<IpRange> {

    public IpRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.family() != last.family()) {
            throw new IllegalArgumentException("range " + first + "-" + last + " mixes IPv4 and IPv6");
        }
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("range " + first + "-" + last + ": start is after end");
        }
    }

    /**
     * Parses one pool entry as MetalLB's {@code ParseCIDR} does: with a {@code -}, a range whose two sides are
     * trimmed ({@code 198.51.100.10 - 198.51.100.20}); without one, a CIDR, untrimmed ({@link IpPrefix#parse}).
     * Messages follow MetalLB's. One deliberate difference: MetalLB silently turns a range mixing IPv4 and IPv6
     * into no addresses at all; here it is refused.
     *
     * @throws IllegalArgumentException with a message quoting the text
     */
    public static IpRange parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            try {
                return IpPrefix.parse(text).toRange();
            } catch (IllegalArgumentException e) {
                // Keep the prefix parser's reason, after the words a pool author looks for.
                String why = e.getMessage().replace("invalid CIDR \"" + text + "\": ", "");
                throw new IllegalArgumentException("\"" + text + "\" is not a CIDR or a range: " + why, e);
            }
        }
        String startText = text.substring(0, dash);
        String endText = text.substring(dash + 1);
        IpAddress a = parseSide(text, "start", startText);
        IpAddress b = parseSide(text, "end", endText);
        if (a.family() != b.family()) {
            throw invalidRange(text, "start IP \"" + a + "\" is " + a.family().kubernetesName() + " but end IP \""
                    + b + "\" is " + b.family().kubernetesName());
        }
        if (a.compareTo(b) > 0) {
            throw invalidRange(text, "start IP \"" + a + "\" is after the end IP \"" + b + "\"");
        }
        return new IpRange(a, b);
    }

    private static IpAddress parseSide(String text, String side, String sideText) {
        try {
            return IpAddress.parse(sideText.strip());
        } catch (IllegalArgumentException e) {
            throw invalidRange(text, "invalid " + side + " IP \"" + sideText + "\"");
        }
    }

    private static IllegalArgumentException invalidRange(String text, String why) {
        return new IllegalArgumentException("invalid IP range \"" + text + "\": " + why);
    }

    /**
     * Parses a comma-separated list of pool entries, as Charmed MetalLB's {@code iprange} option takes them
     * ({@code "192.168.1.240/28, 10.0.0.0/28"}); spaces around commas are allowed, empty items are not.
     *
     * @throws IllegalArgumentException naming the item that is wrong
     */
    public static List<IpRange> parseList(String text) {
        List<IpRange> out = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException("\"" + text + "\" has an empty item (expected: CIDRs or ranges"
                        + " separated by commas)");
            }
            out.add(parse(item.strip()));
        }
        return out;
    }

    /** A range holding exactly one address. */
    public static IpRange of(IpAddress address) {
        return new IpRange(address, address);
    }

    public IpFamily family() {
        return first.family();
    }

    /** Number of addresses, exact. */
    public BigInteger size() {
        return last.toBigInteger().subtract(first.toBigInteger()).add(BigInteger.ONE);
    }

    /** Number of addresses, saturated at {@link Long#MAX_VALUE}. */
    public long saturatedSize() {
        return first.saturatedCountTo(last);
    }

    public boolean contains(IpAddress address) {
        return address.family() == family() && first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
    }

    public boolean overlaps(IpRange other) {
        return other.family() == family() && first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    /** True when this range is exactly one CIDR prefix. */
    public boolean isPrefix() {
        List<IpPrefix> p = toPrefixes();
        return p.size() == 1;
    }

    /** The smallest list of CIDR prefixes covering exactly this range, in address order. */
    public List<IpPrefix> toPrefixes() {
        List<IpPrefix> out = new ArrayList<>();
        int bits = family().bits();
        BigInteger cur = first.toBigInteger();
        BigInteger end = last.toBigInteger();
        while (cur.compareTo(end) <= 0) {
            int host = cur.signum() == 0 ? bits : cur.getLowestSetBit();
            host = Math.min(host, bits);
            while (host > 0 && cur.add(BigInteger.ONE.shiftLeft(host)).subtract(BigInteger.ONE).compareTo(end) > 0) {
                host--;
            }
            out.add(new IpPrefix(IpAddress.ofBigInteger(family(), cur), bits - host));
            cur = cur.add(BigInteger.ONE.shiftLeft(host));
        }
        return out;
    }

    @Override
    public int compareTo(IpRange o) {
        int c = first.compareTo(o.first);
        return c != 0 ? c : last.compareTo(o.last);
    }

    /** The CIDR when the range is one prefix, else {@code first-last}. */
    @Override
    public String toString() {
        List<IpPrefix> p = toPrefixes();
        return p.size() == 1 ? p.get(0).toString() : first + "-" + last;
    }
}
