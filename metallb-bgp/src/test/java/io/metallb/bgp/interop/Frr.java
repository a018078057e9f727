package io.metallb.bgp.interop;

import static io.metallb.bgp.interop.Routers.await;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** FRR's bgpd without zebra on one loopback address and port, driven and read through vtysh's JSON. */
class Frr implements AutoCloseable {
    static final String BGPD = "/usr/lib/frr/bgpd";

    final Path dir;
    final String listen;
    final int port;
    Process bgpd;

    /** Starts bgpd with {@code config} (a whole bgpd.conf) listening on {@code listen:port}. */
    Frr(String name, String listen, int port, String config) {
        Routers.require(BGPD);
        Routers.require("/usr/bin/vtysh");
        this.dir = Routers.tempDir(name);
        this.listen = listen;
        this.port = port;
        Routers.write(dir.resolve("bgpd.conf"), config);
        start();
    }

    /** The command that runs bgpd; a subclass may wrap it (into a namespace) or add options. */
    List<String> command(List<String> bgpd) {
        return bgpd;
    }

    final void start() {
        bgpd = Routers.start(dir, "bgpd", command(List.of(BGPD, "-f", dir.resolve("bgpd.conf").toString(), "-i",
                dir.resolve("bgpd.pid").toString(), "-z", dir.resolve("zserv.api").toString(), "--vty_socket",
                dir.toString(), "-Z", "-p", String.valueOf(port), "-l", listen, "-A", "127.0.0.1", "-P", "0", "-S")));
        await("bgpd's vty", () -> vtysh("show bgp summary json").contains("\"as\""), () -> vtysh("show version")
                + Routers.readLog(dir.resolve("bgpd.log")));
    }

    void stop() {
        Routers.stop(bgpd);
    }

    /** vtysh's output with all white space removed, so JSON can be matched as text. */
    String vtysh(String command) {
        return Routers.run(List.of("vtysh", "--vty_socket", dir.toString(), "-d", "bgpd", "-c", command))
                .replaceAll("\\s+", "");
    }

    String route(String prefix) {
        return vtysh("show bgp " + (prefix.contains(":") ? "ipv6" : "ipv4") + " unicast " + prefix + " json");
    }

    boolean has(String prefix) {
        return route(prefix).contains("\"paths\"");
    }

    /** Whether FRR holds {@code prefix} only as a stale path (RFC 4724: kept while the peer restarts). */
    boolean stale(String prefix) {
        return route(prefix).contains("\"stale\":true");
    }

    String neighbor(String address) {
        return vtysh("show bgp neighbors " + address + " json");
    }

    boolean established(String address) {
        return neighbor(address).contains("\"bgpState\":\"Established\"");
    }

    /** A number field of the neighbor's JSON, -1 when absent. */
    long neighborField(String address, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":(\\d+)").matcher(neighbor(address));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Prefixes received from {@code neighbor} in {@code afi} ("ipv4", "ipv6"); -1 unless Established. */
    long received(String afi, String neighbor) {
        Matcher peer = Pattern.compile("\"" + Pattern.quote(neighbor) + "\":\\{([^{}]*)\\}")
                .matcher(vtysh("show bgp " + afi + " unicast summary json"));
        if (!peer.find() || !peer.group(1).contains("\"state\":\"Established\"")) {
            return -1;
        }
        Matcher m = Pattern.compile("\"pfxRcd\":(\\d+)").matcher(peer.group(1));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    String log() {
        return Routers.readLog(dir.resolve("bgpd.log"));
    }

    @Override
    public void close() {
        if (bgpd != null) {
            Routers.signal(bgpd, "CONT");
        }
        stop();
        Routers.deleteTree(dir);
    }
}
