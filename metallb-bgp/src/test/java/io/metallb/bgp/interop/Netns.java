package io.metallb.bgp.interop;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Two network namespaces joined by a veth pair, named {@code mlbj-bgp-<random>-a/-b}. Addresses come only from
 * 198.51.100.0/24 and 2001:db8::/64 (never the machine's own 192.0.2.0/24). {@link #close} deletes them, which
 * also deletes the veth; {@link #cleanLeftovers} removes what an earlier, killed run left behind (by name prefix,
 * after killing the processes still inside by PID).
 */
final class Netns implements AutoCloseable {
    static final String PREFIX = "mlbj-bgp-";
    static final String A4 = "198.51.100.1";
    static final String B4 = "198.51.100.2";
    static final String A6 = "2001:db8::1";
    static final String B6 = "2001:db8::2";

    final String a;
    final String b;
    final String devA;

    private Netns(String a, String b, String devA) {
        this.a = a;
        this.b = b;
        this.devA = devA;
    }

    static Netns create() {
        Routers.require(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/ip")) ? "/usr/sbin/ip"
                : "/usr/bin/ip");
        Routers.requireThat("root".equals(System.getProperty("user.name")), "network namespaces need root");
        cleanLeftovers();
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random); // getSeed could block on a starved entropy pool
        String id = HexFormat.of().formatHex(random);
        Netns n = new Netns(PREFIX + id + "-a", PREFIX + id + "-b", "mlbj" + id + "a");
        try {
            ip("netns", "add", n.a);
            ip("netns", "add", n.b);
            String va = n.devA;
            String vb = "mlbj" + id + "b";
            ip("link", "add", va, "netns", n.a, "type", "veth", "peer", "name", vb, "netns", n.b);
            n.setUp(n.a, va, A4, A6);
            n.setUp(n.b, vb, B4, B6);
            return n;
        } catch (RuntimeException e) {
            n.close();
            throw e;
        }
    }

    private void setUp(String ns, String dev, String v4, String v6) {
        exec(ns, "ip", "link", "set", "lo", "up");
        exec(ns, "ip", "addr", "add", v4 + "/24", "dev", dev);
        exec(ns, "ip", "-6", "addr", "add", v6 + "/64", "dev", dev, "nodad");
        exec(ns, "ip", "link", "set", dev, "up");
    }

    /** The command as run inside {@code ns}. */
    static List<String> in(String ns, String... command) {
        List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        out.addAll(List.of(command));
        return out;
    }

    static String exec(String ns, String... command) {
        return checked(in(ns, command));
    }

    static void ip(String... args) {
        List<String> c = new ArrayList<>(List.of("ip"));
        c.addAll(List.of(args));
        checked(c);
    }

    private static String checked(List<String> command) {
        Routers.Result r = Routers.runChecked(command);
        if (r.exit() != 0) {
            throw new IllegalStateException(command + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }

    static void cleanLeftovers() {
        for (String line : Routers.run(List.of("ip", "netns", "list")).split("\n")) {
            String name = line.split(" ")[0].trim();
            if (name.startsWith(PREFIX)) {
                delete(name);
            }
        }
    }

    /** Kills the processes inside {@code ns} (by PID) and deletes it. */
    static void delete(String ns) {
        for (String pid : Routers.run(List.of("ip", "netns", "pids", ns)).split("\\s+")) {
            if (pid.matches("\\d+")) {
                Routers.run(List.of("kill", "-9", pid));
            }
        }
        Routers.run(List.of("ip", "netns", "del", ns));
    }

    @Override
    public void close() {
        delete(a);
        delete(b);
    }
}
