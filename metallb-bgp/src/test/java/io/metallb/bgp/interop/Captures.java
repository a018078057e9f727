package io.metallb.bgp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.bgp.speaker.MessageTap;
import io.metallb.bgp.wire.BgpMessage;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.Keepalive;
import io.metallb.bgp.wire.Notification;
import io.metallb.bgp.wire.Open;
import io.metallb.bgp.wire.RouteRefresh;
import io.metallb.bgp.wire.Update;
import io.metallb.bgp.wire.WireOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every message a real router sent our speaker in an interop test, captured through {@link MessageTap} before
 * decoding. {@link #check} asserts, for each one, that it decodes without any tolerated error to the message
 * type its header names and encodes back to the very same bytes. With {@code -Dbgp.capture.dir=DIR} the first
 * message of each kind per router is also written there as a {@code .hex} fixture.
 */
final class Captures implements MessageTap {
    record Captured(String peer, byte[] frame, WireOptions options) {
    }

    private final String router;
    private final ConcurrentLinkedQueue<Captured> pending = new ConcurrentLinkedQueue<>();
    private final Set<String> kinds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int checked;

    Captures(String router) {
        this.router = router;
    }

    @Override
    public void received(String peer, byte[] frame, WireOptions options) {
        pending.add(new Captured(peer, frame, options));
    }

    /** Checks what arrived since the last call; gives how many messages that was. */
    int check() {
        List<Captured> now = new ArrayList<>();
        for (Captured c = pending.poll(); c != null; c = pending.poll()) {
            now.add(c);
        }
        for (Captured c : now) {
            String what = router + " message from " + c.peer() + ": " + HexFormat.of().formatHex(c.frame());
            var decoded = BgpMessageCodec.decode(c.frame(), c.options());
            assertThat(decoded.tolerated()).as(what).isEmpty();
            BgpMessage m = decoded.message();
            assertThat(m).as(what).isInstanceOf(switch (c.frame()[18]) {
                case 1 -> Open.class;
                case 2 -> Update.class;
                case 3 -> Notification.class;
                case 4 -> Keepalive.class;
                case 5 -> RouteRefresh.class;
                default -> throw new AssertionError("type " + c.frame()[18] + " decoded: " + what);
            });
            assertThat(BgpMessageCodec.encode(m, c.options())).as("re-encoded " + what).isEqualTo(c.frame());
            String kind = kind(m);
            if (kinds.add(kind)) {
                keep(kind, c);
            }
        }
        checked += now.size();
        return now.size();
    }

    /** Kinds seen so far: OPEN, UPDATE, END_OF_RIB, KEEPALIVE, NOTIFICATION, ROUTE_REFRESH. */
    Set<String> kinds() {
        return new LinkedHashSet<>(kinds);
    }

    int total() {
        return checked;
    }

    /** After a test class: something was captured (and checked), including each of {@code expected}. */
    void assertSaw(String... expected) {
        System.out.println(router + ": " + checked + " captured messages round-tripped, kinds " + kinds());
        assertThat(checked).as(router + " messages captured").isPositive();
        assertThat(kinds()).as(router + " message kinds captured").contains(expected);
    }

    static String kind(BgpMessage m) {
        if (m instanceof Update u) {
            return u.isEndOfRib() ? "END_OF_RIB" : "UPDATE";
        }
        if (m instanceof Open) {
            return "OPEN";
        }
        if (m instanceof Keepalive) {
            return "KEEPALIVE";
        }
        return m instanceof Notification ? "NOTIFICATION" : "ROUTE_REFRESH";
    }

    private void keep(String kind, Captured c) {
        String dir = System.getProperty("bgp.capture.dir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        // "-as2-" marks a message decoded before 4-octet AS was negotiated (OPENs), as Fixtures expects.
        String name = router.toLowerCase(java.util.Locale.ROOT) + "-captured-" + (c.options().fourOctetAs() ? ""
                : "as2-") + kind.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".hex";
        try {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, name), "# captured from " + router + " in an interop test\n"
                    + HexFormat.of().formatHex(c.frame()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
