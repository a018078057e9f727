package io.metallb.l2.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the namespace tests need: root (namespaces, CAP_NET_RAW), iproute2, arping, ndisc6 and libpcap
 * (scripts/test-packages.txt). Outside CI a missing one skips the tests with the reason; under {@code CI=true}
 * it fails them, so a CI image without the tools can never pass by skipping.
 */
final class Prerequisites {

    private Prerequisites() {
    }

    static void require() {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("root (network namespaces and CAP_NET_RAW)");
        }
        for (String tool : List.of("ip", "arping", "ndisc6")) {
            if (!Commands.onPath(tool)) {
                missing.add(tool + " (apt: " + (tool.equals("ip") ? "iproute2" : tool.equals("arping")
                        ? "iputils-arping" : "ndisc6") + ")");
            }
        }
        if (!Commands.run(Duration.ofSeconds(10), "ldconfig", "-p").output().contains("libpcap.so")) {
            missing.add("libpcap (apt: libpcap0.8)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String reason = "layer 2 namespace tests need " + missing + "; run scripts/install-test-deps.sh as root";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(reason);
        }
        Assumptions.abort(reason);
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }
}
