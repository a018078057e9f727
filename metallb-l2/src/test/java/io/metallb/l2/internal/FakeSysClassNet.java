package io.metallb.l2.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A directory shaped like /sys/class/net, for interface selection without real interfaces. */
final class FakeSysClassNet {

    private FakeSysClassNet() {
    }

    static void add(Path dir, String name, int flags, String operstate, boolean enslaved) throws IOException {
        Path link = Files.createDirectories(dir.resolve(name));
        Files.writeString(link.resolve("flags"), String.format("0x%x%n", flags));
        Files.writeString(link.resolve("operstate"), operstate + "\n");
        if (enslaved) {
            Files.writeString(link.resolve("master"), "br0");
        }
    }

    /** eth0, eth1, excl0 eligible by flags; lo loopback, down0 down, noarp0 NOARP, port0 a bridge port. */
    static Path standard(Path dir) throws IOException {
        int upBroadcast = InterfaceScanner.IFF_UP | InterfaceScanner.IFF_BROADCAST | 0x1000;
        add(dir, "eth0", upBroadcast, "up", false);
        add(dir, "eth1", upBroadcast, "up", false);
        add(dir, "excl0", upBroadcast, "up", false);
        add(dir, "lo", InterfaceScanner.IFF_UP | InterfaceScanner.IFF_LOOPBACK, "unknown", false);
        add(dir, "down0", InterfaceScanner.IFF_BROADCAST, "down", false);
        add(dir, "noarp0", upBroadcast | InterfaceScanner.IFF_NOARP, "up", false);
        add(dir, "port0", upBroadcast, "up", true);
        return dir;
    }
}
