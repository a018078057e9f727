package io.metallb.l2.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throwaway layer 2 segment: a bridge inside its own namespace (so nothing touches the host's), a client
 * namespace, and node namespaces, each plugged into the bridge by a veth {@code eth0} and, on nodes, a second
 * veth {@code excl0} that the speakers are told to exclude (and, when asked, a bridge member {@code mbr0}).
 * Namespaces are named {@code mlbj-l2-<role><suffix>}; {@link #removeLeftovers} deletes any a killed earlier run
 * left behind. Addresses: 198.51.100.0/24 and 2001:db8::/64 only.
 */
final class NamespaceRig implements AutoCloseable {

    static final String PREFIX = "mlbj-l2-";

    final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    final String bridge = PREFIX + "br" + suffix;
    final String client = PREFIX + "c" + suffix;
    final Map<String, String> nodes = new LinkedHashMap<>(); // node name -> namespace
    private final List<String> created = new ArrayList<>();
    private int port;

    /** Deletes every namespace whose name starts with {@link #PREFIX}. */
    static void removeLeftovers() {
        for (String line : Commands.run(Duration.ofSeconds(10), "ip", "netns", "list").output().split("\n")) {
            String name = line.split(" ")[0];
            if (name.startsWith(PREFIX)) {
                Commands.run(Duration.ofSeconds(10), "ip", "netns", "del", name);
            }
        }
    }

    /** Builds the bridge, the client at 198.51.100.1 / 2001:db8::1, and {@code nodeCount} nodes. */
    NamespaceRig(int nodeCount) {
        try {
            build(nodeCount);
        } catch (RuntimeException e) {
            close(); // whatever was made before the failure goes too
            throw e;
        }
    }

    private void build(int nodeCount) {
        namespace(bridge);
        Commands.ok("ip", "-n", bridge, "link", "add", "br0", "type", "bridge");
        Commands.ok("ip", "-n", bridge, "link", "set", "br0", "up");
        namespace(client);
        plug(client, "eth0");
        Commands.ok("ip", "-n", client, "addr", "add", "198.51.100.1/24", "dev", "eth0");
        Commands.ok("ip", "-n", client, "addr", "add", "2001:db8::1/64", "dev", "eth0", "nodad");
        for (int i = 1; i <= nodeCount; i++) {
            String ns = PREFIX + "n" + i + suffix;
            namespace(ns);
            // Linux answers ARP for any local address on every interface ("ARP flux"): excl0 would answer for
            // eth0's address too, doubling the kernel's replies in the benchmark. Only where the address lives.
            Commands.ok("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=1");
            plug(ns, "eth0");
            plug(ns, "excl0");
            Commands.ok("ip", "-n", ns, "addr", "add", "198.51.100." + (10 + i) + "/24", "dev", "eth0");
            Commands.ok("ip", "-n", ns, "addr", "add", "2001:db8::" + (10 + i) + "/64", "dev", "eth0", "nodad");
            nodes.put("node-" + i, ns);
        }
    }

    private void namespace(String ns) {
        Commands.ok("ip", "netns", "add", ns);
        created.add(ns);
        // No duplicate address detection: addresses, link-local ones included, are usable at once.
        Commands.ok("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0",
                "net.ipv6.conf.all.accept_dad=0");
        Commands.ok("ip", "-n", ns, "link", "set", "lo", "up");
    }

    private void plug(String ns, String ifname) {
        String p = "p" + (++port);
        Commands.ok("ip", "-n", bridge, "link", "add", p, "type", "veth", "peer", "name", ifname, "netns", ns);
        Commands.ok("ip", "-n", bridge, "link", "set", p, "master", "br0", "up");
        Commands.ok("ip", "-n", ns, "link", "set", ifname, "up");
    }

    /**
     * Plugs a veth {@code mbr0} of {@code ns} into the segment and enslaves it to a bridge {@code exclbr0} local to
     * the node (MetalLB: a bridge or bond member never answers, the master does; the master's name is excluded
     * here so only {@code eth0} answers). {@code mbr0} is up, broadcast-capable and receives the client's
     * requests: only the member rule keeps the speaker off it. (Bonds: the kernel here has no bonding driver;
     * the rule reads the same {@code /sys/class/net/IF/master} for both.)
     */
    void addBridgeMember(String ns) {
        plug(ns, "mbr0");
        Commands.ok("ip", "-n", ns, "link", "add", "exclbr0", "type", "bridge");
        Commands.ok("ip", "-n", ns, "link", "set", "mbr0", "master", "exclbr0");
        Commands.ok("ip", "-n", ns, "link", "set", "exclbr0", "up");
    }

    /** The MAC of {@code ifname} in {@code ns}, lower case. */
    static String mac(String ns, String ifname) {
        String out = Commands.ok("ip", "-n", ns, "-br", "link", "show", ifname);
        return out.trim().split("\\s+")[2].toLowerCase();
    }

    /** Deletes the namespaces, retrying each for up to 5 s (a deletion racing a process's exit was seen to fail). */
    @Override
    public void close() {
        for (int i = created.size() - 1; i >= 0; i--) {
            String ns = created.get(i);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            Commands.Result r = Commands.run(Duration.ofSeconds(10), "ip", "netns", "del", ns);
            while (exists(ns) && System.nanoTime() < deadline) {
                r = Commands.run(Duration.ofSeconds(10), "ip", "netns", "del", ns);
            }
            if (exists(ns)) {
                System.err.println("could not delete namespace " + ns + ": " + r.output());
            }
        }
    }

    private static boolean exists(String ns) {
        return java.nio.file.Files.exists(java.nio.file.Path.of("/run/netns", ns));
    }
}
