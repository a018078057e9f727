package io.metallb.distribution.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Two network namespaces made for one test, {@code mlbj-sa-<id>-r} (a router or client, {@link #ROUTER_IP}) and
 * {@code mlbj-sa-<id>-h} (the host running standalone, {@link #HOST_IP}), joined by the veth pair
 * {@code mlbjsa<id>r}/{@code mlbjsa<id>h}. {@link #close} kills what runs inside them and deletes them.
 */
record TwoNamespaces(String router, String host, String routerDev, String hostDev) implements AutoCloseable {
    static final String ROUTER_IP = "203.0.113.1";
    static final String HOST_IP = "203.0.113.2";

    /** Needs root and ip (skipped without, failed under CI=true); removes leftovers of a killed run first. */
    static TwoNamespaces create() {
        HostTools.requireThat("root".equals(System.getProperty("user.name")), "network namespaces need root");
        HostTools.requireThat(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/usr/bin/ip")),
                "ip (iproute2) is not installed");
        HostTools.deleteNamespaces(n -> true);
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random); // getSeed could block on a starved entropy pool
        String id = HexFormat.of().formatHex(random);
        TwoNamespaces n = new TwoNamespaces(HostTools.PREFIX + id + "-r", HostTools.PREFIX + id + "-h",
                "mlbjsa" + id + "r", "mlbjsa" + id + "h");
        try {
            HostTools.checked("ip", "netns", "add", n.router);
            HostTools.checked("ip", "netns", "add", n.host);
            HostTools.checked("ip", "link", "add", n.routerDev, "netns", n.router, "type", "veth", "peer", "name",
                    n.hostDev, "netns", n.host);
            n.setUp(n.router, n.routerDev, ROUTER_IP);
            n.setUp(n.host, n.hostDev, HOST_IP);
            return n;
        } catch (RuntimeException e) {
            n.close();
            throw e;
        }
    }

    private void setUp(String ns, String dev, String ip) {
        for (List<String> c : List.of(List.of("ip", "link", "set", "lo", "up"),
                List.of("ip", "addr", "add", ip + "/24", "dev", dev), List.of("ip", "link", "set", dev, "up"))) {
            HostTools.checked(HostTools.in(ns, c.toArray(String[]::new)).toArray(String[]::new));
        }
    }

    @Override
    public void close() {
        HostTools.deleteNamespaces(n -> n.equals(router) || n.equals(host));
    }
}
