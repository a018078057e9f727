package io.metallb.l2.internal.demo;

import io.metallb.api.net.IpAddress;
import io.metallb.l2.wire.ArpOperation;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrame;
import io.metallb.l2.wire.EthernetFrameEncoder;
import io.metallb.l2.wire.MacAddress;
import io.metallb.l2.internal.InterfaceMac;
import io.metallb.l2.internal.packet.AfPacketSocket;
import io.metallb.l2.internal.packet.SocketFilter;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded ARP request flood for the layer 2 benchmark, run in a client namespace:
 *
 * <pre>
 * ArpFlood IFACE SOURCE_IP TARGET_IP COUNT
 * </pre>
 *
 * Sends {@code COUNT} broadcast requests for {@code TARGET_IP} as fast as one AF_PACKET socket's {@code send}
 * allows (so bounded in count and, at the injection rate, in time; the same flood measures the kernel's own
 * responder, whose figure is therefore this flooder's ceiling on the rig), counts the replies for it that arrive until none has come for 500 ms
 * (at most 10 s after the last request), and prints {@code flood sent=N replies=R seconds=S replies_per_s=X}
 * where S runs from the first request to the last reply.
 */
public final class ArpFlood {

    private ArpFlood() {
    }

    public static void main(String[] args) throws Exception {
        String iface = args[0];
        IpAddress source = IpAddress.parse(args[1]);
        IpAddress target = IpAddress.parse(args[2]);
        int count = Integer.parseInt(args[3]);
        if (count < 1 || count > 5_000_000) {
            throw new IllegalArgumentException("count: " + count + " (expected: 1..5000000)");
        }
        MacAddress mac = InterfaceMac.of(iface);
        ByteBuffer request = ByteBuffer.allocateDirect(64);
        byte[] frame = EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, mac,
                new ArpPacket(ArpOperation.REQUEST, mac, source, MacAddress.ZERO, target)));
        request.put(0, frame);
        AfPacketSocket rx = AfPacketSocket.open(iface, SocketFilter.arpRepliesFrom(target, source));
        AfPacketSocket tx = AfPacketSocket.open(iface, SocketFilter.requestsFor(Set.of()));
        AtomicLong replies = new AtomicLong();
        AtomicLong lastReply = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        Thread counter = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
            while (!done.get()) {
                if (rx.receive(buffer) > 0) {
                    replies.incrementAndGet();
                    lastReply.set(System.nanoTime());
                }
            }
        });
        counter.setDaemon(true);
        counter.start();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            tx.send(request, frame.length);
        }
        long sent = System.nanoTime();
        long quietSince = System.nanoTime();
        long seen = -1;
        while (System.nanoTime() - quietSince < 500_000_000L && System.nanoTime() - sent < 10_000_000_000L) {
            Thread.sleep(20);
            long now = replies.get();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
        done.set(true);
        counter.join(2000);
        double seconds = (Math.max(lastReply.get(), sent) - start) / 1e9;
        System.out.printf("flood sent=%d replies=%d send_seconds=%.3f seconds=%.3f replies_per_s=%.0f%n", count,
                replies.get(), (sent - start) / 1e9, seconds, replies.get() / seconds);
        rx.close();
        tx.close();
    }
}
