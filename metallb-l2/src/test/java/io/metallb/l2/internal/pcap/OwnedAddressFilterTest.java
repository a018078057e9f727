package io.metallb.l2.internal.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metallb.api.net.IpAddress;
import io.metallb.l2.wire.ArpOperation;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrame;
import io.metallb.l2.wire.EthernetFrameEncoder;
import io.metallb.l2.wire.MacAddress;
import io.metallb.l2.wire.NdpPacket;
import io.metallb.l2.wire.NeighborSolicitation;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/** Its addresses are shared with {@code SocketFilterTest}, which checks the AF_PACKET back end's filter. */
public class OwnedAddressFilterTest {

    public static final MacAddress CLIENT = MacAddress.parse("02:00:00:00:00:01");
    public static final IpAddress CLIENT_V4 = IpAddress.parse("198.51.100.1");
    public static final IpAddress CLIENT_V6 = IpAddress.parse("2001:db8::1");
    public static final IpAddress OWNED_V4 = IpAddress.parse("198.51.100.250");
    public static final IpAddress OTHER_V4 = IpAddress.parse("198.51.100.251");
    public static final IpAddress OWNED_V6 = IpAddress.parse("2001:db8::ffff:fffe");
    public static final IpAddress OTHER_V6 = IpAddress.parse("2001:db8::ffff:ffff");

    @Test
    void namesEveryOwnedTargetAndNothingWhenNothingIsOwned() {
        assertThat(OwnedAddressFilter.of(Set.of(OWNED_V4)))
                .isEqualTo("(arp and arp[6:2] = 1 and (arp[24:4] = 0xc63364fa))");
        assertThat(OwnedAddressFilter.of(Set.of(OWNED_V6))).isEqualTo("(icmp6 and ip6[40] = 135 and ("
                + "(ip6[48:4] = 0x20010db8 and ip6[52:4] = 0x0 and ip6[56:4] = 0x0 and ip6[60:4] = 0xfffffffe)))");
        assertThat(OwnedAddressFilter.of(Set.of())).isEqualTo(OwnedAddressFilter.NOTHING);
    }

    @Test
    void tooManyAddressesFallBackToTheUnnarrowedFilter() {
        Set<IpAddress> many = new HashSet<>();
        for (int i = 0; i <= OwnedAddressFilter.MAX_ADDRESSES; i++) {
            many.add(IpAddress.ofV4(0xC633_6400 + i));
        }
        assertThat(OwnedAddressFilter.of(many)).isEqualTo(PcapPacketChannelFactory.FILTER);
    }

    /** Runs the compiled program over real frames (pcap_offline_filter); needs only libpcap, no privilege. */
    @Test
    void admitsRequestsForOwnedAddressesOnly() throws Exception {
        if (!libpcap()) {
            // Skipping is for machines without the test packages; under CI a missing libpcap is a failure.
            assertThat(System.getenv("CI")).as("libpcap not loadable (apt: libpcap0.8)").isNotEqualTo("true");
            assumeTrue(false, "libpcap not loadable (apt: libpcap0.8)");
        }
        BpfProgram both = compile(Set.of(OWNED_V4, OWNED_V6));
        assertThat(both.applyFilter(arpRequest(OWNED_V4))).isTrue();
        assertThat(both.applyFilter(arpRequest(OTHER_V4))).isFalse();
        assertThat(both.applyFilter(solicitation(OWNED_V6))).isTrue();
        assertThat(both.applyFilter(solicitation(OTHER_V6))).isFalse();
        BpfProgram none = compile(Set.of());
        assertThat(none.applyFilter(arpRequest(OWNED_V4))).isFalse();
        assertThat(none.applyFilter(solicitation(OWNED_V6))).isFalse();
    }

    private static BpfProgram compile(Set<IpAddress> owned) throws Exception {
        return Pcaps.compileFilter(256, DataLinkType.EN10MB, OwnedAddressFilter.of(owned), BpfCompileMode.OPTIMIZE,
                (Inet4Address) InetAddress.getByAddress(new byte[4])); // the netmask only matters for "broadcast"
    }

    private static byte[] arpRequest(IpAddress target) {
        return EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, CLIENT,
                new ArpPacket(ArpOperation.REQUEST, CLIENT, CLIENT_V4, MacAddress.ZERO, target)));
    }

    private static byte[] solicitation(IpAddress target) {
        return EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.ipv6Multicast(
                NdpPacket.solicitedNode(target).low()), CLIENT, new NdpPacket(0, 0, CLIENT_V6,
                NdpPacket.solicitedNode(target), new NeighborSolicitation(target, Optional.of(CLIENT)))));
    }

    private static boolean libpcap() {
        try {
            Pcaps.libVersion();
            return true;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return false;
        }
    }
}
