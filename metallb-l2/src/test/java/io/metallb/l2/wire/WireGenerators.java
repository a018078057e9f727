package io.metallb.l2.wire;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.metallb.api.net.IpAddress;
import java.util.List;
import java.util.Optional;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories generators for every valid frame the codecs model. */
public final class WireGenerators {

    private WireGenerators() {
    }

    static Gen<MacAddress> macs() {
        return longs().between(0, 0xFFFF_FFFF_FFFFL).map(MacAddress::new);
    }

    static Gen<IpAddress> ipv4() {
        return integers().all().map(IpAddress::ofV4);
    }

    static Gen<IpAddress> ipv6() {
        return longs().all().zip(longs().all(), IpAddress::ofV6);
    }

    static Gen<IpAddress> ipv6Unicast() {
        return ipv6().assuming(a -> !NdpPacket.isMulticast(a));
    }

    static Gen<VlanTag> tags() {
        return Generate.pick(List.of(VlanTag.TPID_8021Q, VlanTag.TPID_8021AD)).zip(integers().between(0, 7),
                booleans().all(), integers().between(0, 4095), VlanTag::new);
    }

    static Gen<ArpPacket> arp() {
        return Generate.enumValues(ArpOperation.class).zip(macs(), ipv4(), macs(),
                (op, sm, si, tm) -> new Object[] {op, sm, si, tm})
                .zip(ipv4(), (a, ti) -> new ArpPacket((ArpOperation) a[0], (MacAddress) a[1], (IpAddress) a[2],
                        (MacAddress) a[3], ti));
    }

    static Gen<NdpMessage> ndpMessages() {
        Gen<NdpMessage> ns = ipv6Unicast().zip(macs().toOptionals(30), NeighborSolicitation::new);
        Gen<NdpMessage> na = booleans().all().zip(booleans().all(), booleans().all(), (r, s, o) -> new boolean[] {r, s, o})
                .zip(ipv6Unicast(), macs().toOptionals(30),
                        (f, t, l) -> new NeighborAdvertisement(f[0], f[1], f[2], t, l));
        return Generate.oneOf(ns, na);
    }

    static Gen<NdpPacket> ndp() {
        return integers().between(0, 255).zip(integers().between(0, 0xF_FFFF), ipv6(), ipv6(),
                (tc, fl, s, d) -> new Object[] {tc, fl, s, d})
                .zip(ndpMessages(), (a, m) -> ndpPacket((int) a[0], (int) a[1], (IpAddress) a[2], (IpAddress) a[3], m));
    }

    /** Bends the generated values to RFC 4861 §7.1's address rules rather than discarding them. */
    private static NdpPacket ndpPacket(int tc, int fl, IpAddress src, IpAddress dst, NdpMessage m) {
        if (NdpPacket.isMulticast(src)) {
            src = IpAddress.ofV6(0xFE80_0000_0000_0000L, src.low());
        }
        if (m instanceof NeighborSolicitation ns && NdpPacket.isUnspecified(src)) {
            m = new NeighborSolicitation(ns.target(), Optional.empty());
        }
        if (m instanceof NeighborAdvertisement na && na.solicited() && NdpPacket.isMulticast(dst)) {
            dst = IpAddress.ofV6(0x2001_0db8_0000_0000L, dst.low());
        }
        return new NdpPacket(tc, fl, src, dst, m);
    }

    /** Any valid frame: ARP or NS/NA, untagged or with up to two tags. */
    public static Gen<EthernetFrame> frames() {
        Gen<EthernetPayload> payload = Generate.oneOf(arp().map(p -> (EthernetPayload) p), ndp().map(p -> p));
        return macs().zip(macs(), org.quicktheories.generators.SourceDSL.lists().of(tags()).ofSizeBetween(0, 2),
                payload, EthernetFrame::new);
    }
}
