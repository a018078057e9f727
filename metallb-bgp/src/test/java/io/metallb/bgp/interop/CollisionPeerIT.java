package io.metallb.bgp.interop;

import static io.metallb.bgp.interop.MalformedPeerIT.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.bgp.speaker.BgpSpeaker;
import io.metallb.bgp.speaker.SpeakerOptions;
import io.metallb.bgp.wire.BgpMessage;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.Capability;
import io.metallb.bgp.wire.ErrorCodes;
import io.metallb.bgp.wire.Keepalive;
import io.metallb.bgp.wire.Notification;
import io.metallb.bgp.wire.Open;
import io.metallb.bgp.wire.Update;
import io.metallb.bgp.wire.WireOptions;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 4271 §6.8 both ways, with a hand-written peer on loopback that controls the timing exactly: the speaker
 * dials the peer (connection A) and the peer, after reading our OPEN on A, dials the speaker's listening socket
 * (connection B) and sends its OPEN there. The connection initiated by the side with the higher BGP Identifier
 * must survive; the other gets Cease / Connection Collision Resolution (6/7).
 */
class CollisionPeerIT {
    static final long PEER_AS = 64810;
    static final String PEER = "127.0.5.20";
    static final int PEER_PORT = 18020;
    static final String US = "127.0.5.21";
    static final int OUR_PORT = 18021;
    /** The speaker's BGP Identifier (set on the peer below); the peer's is one below or one above it. */
    static final IpAddress OUR_ID = IpAddress.parse("10.255.0.100");

    static BgpPeer peer() {
        BgpPeer p = TestConfigs.peer("collider", 64512, PEER_AS, US, PEER, PEER_PORT, Duration.ofSeconds(90),
                Optional.empty());
        return new BgpPeer(p.name(), p.myAsn(), p.peerAsn(), p.dynamicAsn(), p.peerAddress(), p.sourceAddress(),
                p.peerPort(), p.holdTime(), p.keepaliveTime(), p.connectTime(), Optional.of(OUR_ID),
                p.nodeSelectors(), p.password(), p.passwordSecret(), p.bfdProfile(), false, false, p.vrf());
    }

    static byte[] encode(BgpMessage m) {
        return BgpMessageCodec.encode(m, WireOptions.INITIAL);
    }

    @ParameterizedTest(name = "peer identifier higher than ours: {0}")
    @ValueSource(booleans = {false, true})
    void theConnectionOfTheHigherIdentifierSurvives(boolean peerHigher) throws IOException {
        long peerId = OUR_ID.low() + (peerHigher ? 1 : -1);
        Open peerOpen = Open.of(PEER_AS, 90, peerId, List.of(new Capability.FourOctetAs(PEER_AS)));
        Bulk.Counting counters = new Bulk.Counting();
        try (ServerSocket server = new ServerSocket(PEER_PORT, 4, InetAddress.getByName(PEER));
                BgpSpeaker speaker = new BgpSpeaker(Map.of(), counters, () -> OUR_ID,
                        SpeakerOptions.DEFAULT.withListen(new InetSocketAddress(US, OUR_PORT)))) {
            server.setSoTimeout((int) Routers.DEADLINE.toMillis());
            Config config = TestConfigs.config(List.of(peer()), List.of(TestConfigs.advertisement("adv",
                    OptionalLong.empty(), List.of())));
            speaker.apply(config, TestConfigs.announce("adv", "203.0.113.120"));
            try (Socket a = server.accept()) {
                DataInputStream inA = input(a);
                assertThat(read(inA)).as("our OPEN on the connection we dialled").isInstanceOf(Open.class);
                exchange(peerHigher, peerOpen, counters, a, inA, () -> speaker.apply(config,
                        TestConfigs.announce("adv", "203.0.113.120", "203.0.113.121")));
            }
        }
    }

    /** With the speaker in OpenSent on A: the peer dials B, and the rule picks A or B. */
    private static void exchange(boolean peerHigher, Open peerOpen, Bulk.Counting counters, Socket a,
            DataInputStream inA, Runnable announceMore) throws IOException {
        try (Socket b = dial()) {
            DataInputStream inB = input(b);
            assertThat(read(inB)).as("our OPEN on the connection the peer dialled").isInstanceOf(Open.class);
            b.getOutputStream().write(encode(peerOpen));
            Socket loser = peerHigher ? a : b;
            Socket winner = peerHigher ? b : a;
            assertThat(untilNotification(loser == a ? inA : inB))
                    .as("the losing connection is closed with Cease / Connection Collision Resolution")
                    .isEqualTo(new Notification(ErrorCodes.CEASE, ErrorCodes.CONNECTION_COLLISION_RESOLUTION,
                            io.metallb.bgp.wire.Bytes.EMPTY));
            DataInputStream in = winner == a ? inA : inB;
            if (!peerHigher) {
                winner.getOutputStream().write(encode(peerOpen)); // its OPEN on A only now
            }
            winner.getOutputStream().write(encode(Keepalive.INSTANCE));
            assertThat(untilUpdate(in).nlri()).as("our route on the surviving connection")
                    .containsExactly(io.metallb.api.net.IpPrefix.parse("203.0.113.120/32"));
            assertThat(counters.up).isTrue();

            // A third connection while Established: closed the same way, the session untouched.
            try (Socket c = dial()) {
                DataInputStream inC = input(c);
                assertThat(untilNotification(inC).subcode())
                        .isEqualTo(ErrorCodes.CONNECTION_COLLISION_RESOLUTION);
            }
            announceMore.run();
            assertThat(untilUpdate(in).nlri()).as("the session on the surviving connection goes on")
                    .containsExactly(io.metallb.api.net.IpPrefix.parse("203.0.113.121/32"));
        }
    }

    @Test
    void aConnectionFromNoConfiguredPeerIsRejected() throws IOException {
        try (BgpSpeaker speaker = new BgpSpeaker(Map.of(), new Bulk.Counting(), () -> OUR_ID,
                SpeakerOptions.DEFAULT.withListen(new InetSocketAddress(US, OUR_PORT + 1)))) {
            speaker.apply(TestConfigs.config(List.of(peer()), List.of()), Set.of());
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress("127.0.5.22", 0));
                s.connect(new InetSocketAddress(US, OUR_PORT + 1), (int) Routers.DEADLINE.toMillis());
                assertThat(untilNotification(input(s))).isEqualTo(new Notification(ErrorCodes.CEASE,
                        ErrorCodes.CONNECTION_REJECTED, io.metallb.bgp.wire.Bytes.EMPTY));
            }
        }
    }

    static Socket dial() throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(PEER, 0));
        s.connect(new InetSocketAddress(US, OUR_PORT), (int) Routers.DEADLINE.toMillis());
        return s;
    }

    static DataInputStream input(Socket s) throws IOException {
        s.setSoTimeout((int) Routers.DEADLINE.toMillis());
        return new DataInputStream(s.getInputStream());
    }

    static Notification untilNotification(DataInputStream in) throws IOException {
        for (int i = 0; i < 100; i++) {
            if (read(in) instanceof Notification n) {
                return n;
            }
        }
        throw new AssertionError("no NOTIFICATION in 100 messages");
    }

    static Update untilUpdate(DataInputStream in) throws IOException {
        for (int i = 0; i < 100; i++) {
            BgpMessage m;
            try {
                m = read(in);
            } catch (EOFException | SocketException e) {
                throw new AssertionError("connection closed before an UPDATE", e);
            }
            if (m instanceof Update u && !u.nlri().isEmpty()) {
                return u;
            }
            assertThat(m).as("no NOTIFICATION on the surviving connection").isNotInstanceOf(Notification.class);
        }
        throw new AssertionError("no UPDATE in 100 messages");
    }
}
