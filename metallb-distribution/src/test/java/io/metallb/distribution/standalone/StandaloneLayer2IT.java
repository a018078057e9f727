package io.metallb.distribution.standalone;

import static io.metallb.distribution.standalone.HostTools.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code metallb standalone}, packaged, announcing by layer 2: the host namespace {@code mlbj-sa-<id>-h} runs it,
 * the client namespace {@code mlbj-sa-<id>-r} asks for the Service's address with arping across the veth and gets
 * the host's MAC; after SIGTERM nobody answers.
 */
class StandaloneLayer2IT {
    static final Pattern REPLY = Pattern.compile("reply from 198\\.51\\.100\\.10 \\[([0-9A-Fa-f:]{17})\\]");

    @Test
    void theHostAnswersArpForItsServiceUntilSigterm() throws Exception {
        HostTools.requireExecutable("/usr/bin/arping");
        Path dir = Files.createTempDirectory("mlbj-sa-l2-it");
        try (TwoNamespaces net = TwoNamespaces.create(); HostTools.Started started = new HostTools.Started()) {
            String client = net.router();
            String host = net.host();
            String hostMac = mac(host, net.hostDev());
            Path file = dir.resolve("standalone.yaml");
            HostTools.replace(file, Fixtures.POOL + """
                    ---
                    apiVersion: metallb.io/v1beta1
                    kind: L2Advertisement
                    metadata:
                      name: l2
                    """ + Fixtures.service("web", ""));
            Path log = dir.resolve("standalone.log");
            Process running = started.add(StandaloneFrrIT.start(host, file, log));
            await("the layer 2 announcement", () -> HostTools.read(log).contains(
                    "layer2 default/web 198.51.100.10: announced"), () -> HostTools.read(log));
            assertThat(HostTools.read(log)).contains("announcing default/web 198.51.100.10 by layer2: "
                    + "L2Advertisement \"l2\"; election for 198.51.100.10 among [host-a] (standalone: this node is "
                    + "the only candidate): host-a");
            String iface = net.routerDev();
            await("an ARP reply from the host's MAC", () -> arping(client, iface).contains(hostMac),
                    () -> arping(client, iface) + HostTools.read(log));

            running.destroy(); // SIGTERM
            assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(HostTools.read(log)).contains("withdrew 1 announcements by layer2");
            assertThat(arping(client, iface)).as("ARP replies after SIGTERM").isEmpty();
        } finally {
            HostTools.deleteTree(dir);
        }
    }

    private static String mac(String ns, String dev) {
        Matcher m = Pattern.compile("link/ether ([0-9a-f:]{17})").matcher(HostTools.checked(
                HostTools.in(ns, "ip", "link", "show", "dev", dev).toArray(String[]::new)));
        assertThat(m.find()).as("MAC of " + dev).isTrue();
        return m.group(1);
    }

    /** The MACs answering two ARP requests for 198.51.100.10 (2 s at most). */
    private static List<String> arping(String ns, String iface) {
        String out = HostTools.run(HostTools.in(ns, "arping", "-c", "2", "-w", "2", "-I", iface, "198.51.100.10"))
                .output();
        Matcher m = REPLY.matcher(out);
        java.util.List<String> macs = new java.util.ArrayList<>();
        while (m.find()) {
            macs.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return macs;
    }
}
