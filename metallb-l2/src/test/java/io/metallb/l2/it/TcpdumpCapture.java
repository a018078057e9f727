package io.metallb.l2.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Captures the ARP and ICMPv6 frames on a namespace's eth0 while some client commands run. */
final class TcpdumpCapture {

    private TcpdumpCapture() {
    }

    /**
     * Runs {@code traffic} under tcpdump, then waits (at most 5 s) until the capture file satisfies
     * {@code complete}, since tcpdump writes what it saw a little after the commands return.
     */
    static List<byte[]> during(String ns, Runnable traffic, Predicate<List<byte[]>> complete) throws Exception {
        Path file = Files.createTempFile("mlbj-l2-", ".pcap");
        Process tcpdump = new ProcessBuilder("ip", "netns", "exec", ns, "tcpdump", "-U", "-n", "-i", "eth0", "-w",
                file.toString(), "arp or icmp6").redirectErrorStream(true).start();
        try {
            // tcpdump says "listening on" once its socket is attached: wait for that, not for a fixed time.
            BufferedReader out = new BufferedReader(new InputStreamReader(tcpdump.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String line = out.readLine();
            while (line != null && !line.contains("listening on") && System.nanoTime() < deadline) {
                line = out.readLine();
            }
            if (line == null || !line.contains("listening on")) {
                throw new AssertionError("tcpdump did not start: " + line);
            }
            traffic.run();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!complete.test(PcapFile.frames(file)) && System.nanoTime() < until) {
                Thread.sleep(20); // poll interval, bounded by the deadline above
            }
            tcpdump.destroy(); // SIGTERM: tcpdump flushes and exits
            if (!tcpdump.waitFor(10, TimeUnit.SECONDS)) {
                tcpdump.destroyForcibly();
            }
            return PcapFile.frames(file);
        } finally {
            tcpdump.destroyForcibly();
            Files.deleteIfExists(file);
        }
    }
}
