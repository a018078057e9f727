package io.metallb.l2.internal.demo;

import io.metallb.api.net.IpAddress;
import io.metallb.l2.wire.ArpOperation;
import io.metallb.l2.wire.ArpPacket;
import io.metallb.l2.wire.EthernetFrame;
import io.metallb.l2.wire.EthernetFrameEncoder;
import io.metallb.l2.wire.MacAddress;
import java.net.NetworkInterface;
import java.util.concurrent.atomic.AtomicLong;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;

/**
 * A bounded ARP request flood for the layer 2 benchmark, run in a client namespace:
 *
 * <pre>
 * ArpFlood IFACE SOURCE_IP TARGET_IP COUNT
 * </pre>
 *
 * Sends {@code COUNT} broadcast requests for {@code TARGET_IP} as fast as pcap_inject allows (so bounded in count
 * and, at the injection rate, in time), counts the replies for it that arrive until none has come for 500 ms
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
        MacAddress mac = MacAddress.read(NetworkInterface.getByName(iface).getHardwareAddress(), 0);
        byte[] request = EthernetFrameEncoder.encode(EthernetFrame.of(MacAddress.BROADCAST, mac,
                new ArpPacket(ArpOperation.REQUEST, mac, source, MacAddress.ZERO, target)));
        PcapHandle rx = new PcapHandle.Builder(iface).snaplen(64).promiscuousMode(PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis(50).immediateMode(true).bufferSize(64 << 20).build();
        rx.setFilter("arp and arp[6:2] = 2 and arp[14:4] = 0x" + Long.toHexString(target.low()), BpfCompileMode.OPTIMIZE);
        rx.setDirection(PcapHandle.PcapDirection.IN);
        PcapHandle tx = new PcapHandle.Builder(iface).snaplen(64).timeoutMillis(50).build();
        AtomicLong replies = new AtomicLong();
        AtomicLong lastReply = new AtomicLong();
        Thread counter = new Thread(() -> {
            try {
                rx.loop(-1, (byte[] frame) -> {
                    replies.incrementAndGet();
                    lastReply.set(System.nanoTime());
                });
            } catch (Exception e) {
                // breakLoop
            }
        });
        counter.setDaemon(true);
        counter.start();
        Thread.sleep(200);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            tx.sendPacket(request);
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
        rx.breakLoop();
        double seconds = (Math.max(lastReply.get(), sent) - start) / 1e9;
        System.out.printf("flood sent=%d replies=%d send_seconds=%.3f seconds=%.3f replies_per_s=%.0f%n", count,
                replies.get(), (sent - start) / 1e9, seconds, replies.get() / seconds);
        tx.close();
    }
}
