package io.metallb.distribution.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpPrefix;
import io.metallb.bgp.wire.AfiSafi;
import io.metallb.bgp.wire.Attribute;
import io.metallb.bgp.wire.BgpMessage;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.Capability;
import io.metallb.bgp.wire.Keepalive;
import io.metallb.bgp.wire.Notification;
import io.metallb.bgp.wire.Open;
import io.metallb.bgp.wire.PathAttribute;
import io.metallb.bgp.wire.Update;
import io.metallb.bgp.wire.WireOptions;
import io.metallb.distribution.Poll;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo's BGP router on its own, driven by hand over loopback. */
class DemoPeerTest {

    private static final long ASN = 64512;
    private final DemoPeer peer;

    DemoPeerTest() throws InterruptedException {
        peer = new DemoPeer(ASN, ASN, IpAddress.parse("127.0.0.1"));
    }

    @AfterEach
    void close() {
        peer.close();
    }

    @Test
    void aSessionsRoutesAreKeptWithTheirAttributesAndDroppedWhenItCloses() throws Exception {
        try (Socket s = connect()) {
            assertThat(read(s)).isInstanceOf(Open.class);
            write(s, Open.of(ASN, 90, IpAddress.parse("127.0.0.21").low(), List.of(
                    new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST), new Capability.FourOctetAs(ASN),
                    new Capability.ExtendedMessage())), WireOptions.INITIAL);
            assertThat(read(s)).isInstanceOf(Keepalive.class);
            write(s, Keepalive.INSTANCE, WireOptions.MODERN);
            write(s, new Update(List.of(), List.of(PathAttribute.of(Attribute.Origin.IGP),
                    PathAttribute.of(Attribute.AsPath.EMPTY),
                    PathAttribute.of(new Attribute.NextHop(IpAddress.parse("127.0.0.21"))),
                    PathAttribute.of(new Attribute.LocalPref(150))),
                    List.of(IpPrefix.parse("203.0.113.40/32"))), WireOptions.MODERN);
            await("the route is held", () -> peer.routes().size() == 1);
            ReceivedRoute r = peer.routes().get(0);
            assertThat(r.prefix()).isEqualTo(IpPrefix.parse("203.0.113.40/32"));
            assertThat(r.nextHop()).isEqualTo(IpAddress.parse("127.0.0.21"));
            assertThat(r.localPref()).hasValue(150);
            assertThat(r.from().bgpId()).isEqualTo("127.0.0.21");
        }
        await("a closed session's routes are dropped", () -> peer.routes().isEmpty());
    }

    @Test
    void aBadHeaderIsAnsweredWithANotificationAndTheRouterKeepsAccepting() throws Exception {
        try (Socket s = connect()) {
            assertThat(read(s)).isInstanceOf(Open.class);
            byte[] zeros = new byte[BgpMessageCodec.HEADER_LENGTH];
            zeros[BgpMessageCodec.LENGTH_OFFSET + 1] = BgpMessageCodec.HEADER_LENGTH;
            s.getOutputStream().write(zeros);
            // RFC 4271 §6.1: a marker that is not all ones is Connection Not Synchronized (1/1).
            BgpMessage m = read(s);
            assertThat(m).isInstanceOf(Notification.class);
            assertThat(((Notification) m).code()).isEqualTo(1);
            assertThat(((Notification) m).subcode()).isEqualTo(1);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket s = connect()) {
            assertThat(read(s)).isInstanceOf(Open.class);
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), peer.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void write(Socket s, BgpMessage m, WireOptions options) throws IOException {
        s.getOutputStream().write(BgpMessageCodec.encode(m, options));
    }

    private static BgpMessage read(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] header = new byte[BgpMessageCodec.HEADER_LENGTH];
        in.readFully(header);
        int length = ((header[16] & 0xFF) << 8) | (header[17] & 0xFF);
        byte[] frame = new byte[length];
        System.arraycopy(header, 0, frame, 0, header.length);
        in.readFully(frame, header.length, length - header.length);
        return BgpMessageCodec.decode(frame, WireOptions.MODERN).message();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Poll.await(what, Duration.ofSeconds(20), Duration.ofMillis(20), condition);
    }
}
