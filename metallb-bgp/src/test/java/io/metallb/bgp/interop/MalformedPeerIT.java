package io.metallb.bgp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.bgp.BgpCounters;
import io.metallb.bgp.speaker.BgpSpeaker;
import io.metallb.bgp.wire.BgpMessage;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.Capability;
import io.metallb.bgp.wire.Keepalive;
import io.metallb.bgp.wire.Notification;
import io.metallb.bgp.wire.Open;
import io.metallb.bgp.wire.WireOptions;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A hand-written peer that misbehaves on purpose; the speaker must answer with the RFC's NOTIFICATION. Needs no
 * router, only loopback.
 */
class MalformedPeerIT {
    static final long PEER_AS = 64800;

    /** What the bad peer sends after reading our OPEN, as hex. */
    static String script(String name) {
        Function<Open, String> open = o -> HexFormat.of().formatHex(BgpMessageCodec.encode(o, WireOptions.INITIAL));
        String keepalive = HexFormat.of().formatHex(BgpMessageCodec.encode(Keepalive.INSTANCE, WireOptions.INITIAL));
        String good = open.apply(Open.of(PEER_AS, 90, 0x0A000063L, List.of(new Capability.FourOctetAs(PEER_AS))));
        return switch (name) {
            case "hold-time-1" -> open.apply(Open.of(PEER_AS, 1, 0x0A000063L, List.of())).replaceFirst(
                    "005a", "0001");
            case "bad-peer-as" -> open.apply(Open.of(64999, 90, 0x0A000063L, List.of()));
            case "bad-marker" -> good + keepalive + "00" + keepalive.substring(2);
            case "bad-type" -> good + keepalive + "ffffffffffffffffffffffffffffffff001309";
            case "short-length" -> good + keepalive + "ffffffffffffffffffffffffffffffff000504";
            case "unknown-well-known" -> good + keepalive + "ffffffffffffffffffffffffffffffff001b02" + "0000"
                    + "0004" + "406300" + "00";
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} -> {1}/{2}")
    @CsvSource({
        "hold-time-1, 2, 6",
        "bad-peer-as, 2, 2",
        "bad-marker, 1, 1",
        "bad-type, 1, 3",
        "short-length, 1, 2",
        "unknown-well-known, 3, 2",
    })
    void badPeerGetsTheRightNotification(String name, int code, int subcode) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                BgpSpeaker speaker = new BgpSpeaker(Map.of(), BgpCounters.NONE, () -> IpAddress.parse("10.255.255.3"))) {
            BgpPeer peer = TestConfigs.peer("bad", 64512, PEER_AS, "127.0.0.1", "127.0.0.1", server.getLocalPort(),
                    Duration.ofSeconds(90), Optional.empty());
            Config config = TestConfigs.config(List.of(peer), List.of());
            speaker.apply(config, java.util.Set.of());
            server.setSoTimeout((int) Routers.DEADLINE.toMillis());
            try (Socket s = server.accept()) {
                s.setSoTimeout((int) Routers.DEADLINE.toMillis());
                DataInputStream in = new DataInputStream(s.getInputStream());
                assertThat(read(in)).isInstanceOf(Open.class);
                OutputStream out = s.getOutputStream();
                out.write(HexFormat.of().parseHex(script(name)));
                out.flush();
                Notification n = firstNotification(in);
                assertThat(n.code()).as(n.toString()).isEqualTo(code);
                assertThat(n.subcode()).as(n.toString()).isEqualTo(subcode);
            }
        }
    }

    /** Reads messages (OPEN, KEEPALIVEs) until the NOTIFICATION. */
    static Notification firstNotification(DataInputStream in) throws IOException {
        while (true) {
            BgpMessage m = read(in);
            if (m instanceof Notification n) {
                return n;
            }
        }
    }

    static BgpMessage read(DataInputStream in) throws IOException {
        byte[] header = new byte[19];
        in.readFully(header);
        int length = ((header[16] & 0xFF) << 8) | (header[17] & 0xFF);
        byte[] frame = java.util.Arrays.copyOf(header, length);
        in.readFully(frame, 19, length - 19);
        return BgpMessageCodec.decode(frame, WireOptions.MODERN).message();
    }
}
