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
 * Namespaces are named {@code <prefix><role><suffix>-<pid>}, the prefix {@link #PREFIX} for the behaviour tests and
 * {@link #BENCH_PREFIX} for the benchmark and capture tests, the pid that of the JVM that made them;
 * {@link #removeLeftovers} deletes those a killed earlier run left behind, and only those: a rig whose JVM is still
 * alive belongs to a run going on at the same time (on a machine shared by several checkouts, a sweep by prefix
 * alone was seen to delete another run's namespaces mid-test). Addresses: 198.51.100.0/24 and 2001:db8::/64 only.
 */
final class NamespaceRig implements AutoCloseable {

    /** {@code -Dl2.it.prefix} sets another, to keep clear of other checkouts' runs of these tests. */
    static final String PREFIX = System.getProperty("l2.it.prefix", "mlbj-l2-");
    static final String BENCH_PREFIX = "mlbj-l2p";

    private static final String PID = "-" + ProcessHandle.current().pid();

    final String prefix;
    final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    final String bridge;
    final String client;
    final Map<String, String> nodes = new LinkedHashMap<>(); // node name -> namespace
    private final List<String> created = new ArrayList<>();
    private int port;

    /** Deletes the leftovers of dead runs named with {@link #PREFIX}. */
    static void removeLeftovers() {
        removeLeftovers(PREFIX);
    }

    /** Deletes every namespace named {@code <prefix>...-<pid>} whose pid is no running process. */
    static void removeLeftovers(String prefix) {
        for (String line : Commands.run(Duration.ofSeconds(10), "ip", "netns", "list").output().split("\n")) {
            String name = line.split(" ")[0];
            java.util.regex.Matcher owner = java.util.regex.Pattern.compile("-(\\d+)$").matcher(name);
            if (name.startsWith(prefix) && owner.find()
                    && ProcessHandle.of(Long.parseLong(owner.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                Commands.run(Duration.ofSeconds(10), "ip", "netns", "del", name);
            }
        }
    }

    /** Builds the bridge, the client at 198.51.100.1 / 2001:db8::1, and {@code nodeCount} nodes. */
    NamespaceRig(int nodeCount) {
        this(PREFIX, nodeCount);
    }

    /** As {@link #NamespaceRig(int)}, every namespace named with {@code prefix}. */
    NamespaceRig(String prefix, int nodeCount) {
        this.prefix = prefix;
        this.bridge = prefix + "br" + suffix + PID;
        this.client = prefix + "c" + suffix + PID;
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
            String ns = prefix + "n" + i + suffix + PID;
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
