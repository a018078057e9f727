package io.metallb.l2.internal;

import static io.metallb.l2.internal.Layer2AnnouncerTest.V4;
import static io.metallb.l2.internal.Layer2AnnouncerTest.ad;
import static io.metallb.l2.internal.Layer2AnnouncerTest.announcement;
import static io.metallb.l2.internal.Layer2AnnouncerTest.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.MetricSink;
import io.metallb.l2.channel.InMemoryPacketChannel;
import io.metallb.l2.wire.ArpOperation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The announcer reports MetalLB's {@code metallb_layer2_*} series, per owned address, to its MetricSink. */
class Layer2MetricsTest {

    @TempDir
    Path sys;
    final Map<String, InMemoryPacketChannel> channels = new ConcurrentHashMap<>();
    final Map<String, Double> counted = new ConcurrentHashMap<>();
    Layer2Announcer announcer;

    @BeforeEach
    void start() throws IOException {
        FakeSysClassNet.standard(sys);
        // Three gratuitous rounds 10 ms apart, no periodic re-announcement.
        Layer2Settings settings = new Layer2Settings(InterfaceScanner.patterns("excl.*"), Duration.ZERO, 3,
                Duration.ofMillis(10), Duration.ofMillis(50), sys, false, false);
        MetricSink sink = new MetricSink() {
            @Override
            public void add(String name, Map<String, String> labels, double delta) {
                counted.merge(name + labels, delta, Double::sum);
            }

            @Override
            public void set(String name, Map<String, String> labels, double value) {
                throw new AssertionError("layer2 reports counters only: " + name);
            }
        };
        announcer = new Layer2Announcer(Layer2AnnouncerTest.inMemory(channels), settings, sink);
    }

    @AfterEach
    void stop() {
        announcer.close();
    }

    private double count(String name, IpAddress ip) {
        return counted.getOrDefault(name + Map.of("ip", ip.toString()), 0.0);
    }

    @Test
    void requestsForOwnedAddressesAndTheirRepliesAreCountedPerAddress() {
        announcer.apply(config(ad("one", "eth0")), Set.of(announcement("a", V4, "one")));
        InMemoryPacketChannel eth0 = channels.get("eth0");
        for (int i = 0; i < 3; i++) {
            eth0.inject(NeighborResponderTest.arp(ArpOperation.REQUEST, Layer2AnnouncerTest.CLIENT,
                    Layer2AnnouncerTest.CLIENT_IP, V4));
        }
        IpAddress other = IpAddress.parse("198.51.100.99");
        eth0.inject(NeighborResponderTest.arp(ArpOperation.REQUEST, Layer2AnnouncerTest.CLIENT,
                Layer2AnnouncerTest.CLIENT_IP, other));
        assertThat(count("metallb_layer2_requests_received", V4)).isEqualTo(3.0);
        assertThat(count("metallb_layer2_responses_sent", V4)).isEqualTo(3.0);
        assertThat(count("metallb_layer2_requests_received", other)).as("not owned: not counted").isZero();
    }

    @Test
    void gratuitousFramesOfTheBurstAreCounted() throws Exception {
        announcer.apply(config(ad("one", "eth0")), Set.of(announcement("a", V4, "one")));
        Instant deadline = Instant.now().plusSeconds(10);
        // Three rounds of one gratuitous ARP request and one reply each (see Layer2AnnouncerTest).
        while (count("metallb_layer2_gratuitous_sent", V4) < 6.0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(count("metallb_layer2_gratuitous_sent", V4)).isEqualTo(6.0);
    }
}
