package io.metallb.l2.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * End-to-end layer 2 figures beside the kernel's own, in one rig: a node namespace whose kernel owns
 * 198.51.100.11 (on eth0) and whose speaker owns 198.51.100.50 on the same interface. Prints one line:
 * arping reply latency p50/p99 (sequential single-probe arpings, as a client resolving an address sees it) and
 * replies per second under a bounded flood of broadcast requests, for both, with the ratios.
 *
 * <p>Sizes: {@code -Dl2.bench.pings} (default 100) and {@code -Dl2.bench.flood} (default 50000). Only sanity is
 * asserted (every figure present, nothing answered twice): on a shared 2-core machine the figures vary too much to
 * gate CI; docs/benchmarks.md records measured ones.
 */
class Layer2BenchmarkIT {

    private static final Pattern RTT = Pattern.compile("\\]\\s+([0-9.]+)ms");
    private static final Pattern FLOOD =
            Pattern.compile("replies=(\\d+) send_seconds=([0-9.]+) .*replies_per_s=(\\d+)");

    record Latency(double p50, double p99, int n) {
    }

    @Test
    void arpReplyLatencyAndThroughputBesideTheKernel() throws Exception {
        Prerequisites.require();
        NamespaceRig.removeLeftovers();
        int pings = Integer.getInteger("l2.bench.pings", 100);
        int flood = Integer.getInteger("l2.bench.flood", 50_000);
        try (NamespaceRig rig = new NamespaceRig(1)) {
            String node = rig.nodes.get("node-1");
            try (SpeakerProcess speaker = new SpeakerProcess(node, List.of("--node", "node-1", "--live", "node-1",
                    "--reannounce-seconds", "0", "--exclude", "excl.*", "--service", "default/bench=198.51.100.50"))) {
                speaker.await("owned [198.51.100.50]", Duration.ofSeconds(30));
                Latency kernel = latency(rig, "198.51.100.11", pings);
                Latency ours = latency(rig, "198.51.100.50", pings);
                long[] kernelFlood = flood(rig, "198.51.100.11", flood);
                // The kernel's flood is for an address the speaker does not own: how much of it reached Java.
                speaker.send("counters");
                String counters = speaker.await("counters", Duration.ofSeconds(10));
                long[] oursFlood = flood(rig, "198.51.100.50", flood);
                System.out.println(String.format(Locale.ROOT, "layer2 benchmark: arping p50/p99 ms kernel %.3f/%.3f "
                        + "metallb-java %.3f/%.3f (ratio %.2f/%.2f, n=%d); flood of %d requests: kernel %d replies/s "
                        + "(%d replies, injected at %d/s), metallb-java %d replies/s (%d answered, injected at %d/s, "
                        + "ratio %.2f)", kernel.p50, kernel.p99, ours.p50, ours.p99, ours.p50 / kernel.p50,
                        ours.p99 / kernel.p99, pings, flood, kernelFlood[1], kernelFlood[0], kernelFlood[2],
                        oursFlood[1], oursFlood[0], oursFlood[2], (double) oursFlood[1] / kernelFlood[1]) + "; requests for the "
                        + "kernel's address that reached the speaker: " + notOwned(counters));
                assertThat(ours.n).isEqualTo(pings);
                assertThat(oursFlood[0]).isPositive().isLessThanOrEqualTo(flood);
            }
        }
    }

    /** The NOT_OWNED drop count in a {@code counters {...}} line (0 when absent: nothing reached Java). */
    private static long notOwned(String counters) {
        Matcher m = Pattern.compile("drop\\.NOT_OWNED=(\\d+)").matcher(counters);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static Latency latency(NamespaceRig rig, String ip, int n) {
        List<Double> rtts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String out = Commands.inNs(rig.client, Duration.ofSeconds(5), "arping", "-c", "1", "-w", "1", "-I",
                    "eth0", ip).output();
            Matcher m = RTT.matcher(out);
            if (m.find()) {
                rtts.add(Double.parseDouble(m.group(1)));
            }
        }
        rtts.sort(null);
        assertThat(rtts).as("arping replies from " + ip).isNotEmpty();
        return new Latency(rtts.get(rtts.size() / 2), rtts.get(Math.min(rtts.size() - 1, (int) (rtts.size() * 0.99))),
                rtts.size());
    }

    /**
     * {answered, replies per second, requests injected per second} of a bounded flood from the client. The
     * injection rate bounds every replies/s figure: neither responder can answer faster than it is asked.
     */
    private static long[] flood(NamespaceRig rig, String ip, int count) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String out = Commands.inNs(rig.client, Duration.ofSeconds(60), java, "-p", SpeakerProcess.modulePath(), "-m",
                "io.metallb.l2/io.metallb.l2.internal.demo.ArpFlood", "eth0", "198.51.100.1", ip,
                String.valueOf(count)).output();
        Matcher m = FLOOD.matcher(out);
        assertThat(m.find()).as("flood output: " + out).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(3)),
            Math.round(count / Double.parseDouble(m.group(2)))};
    }
}
