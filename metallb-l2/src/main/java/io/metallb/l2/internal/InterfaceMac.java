package io.metallb.l2.internal;

import io.metallb.l2.channel.PacketChannelException;
import io.metallb.l2.wire.MacAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** The Ethernet address of an interface, read by name, for every packet channel back end. */
public final class InterfaceMac {

    private InterfaceMac() {
    }

    /** @throws PacketChannelException naming the interface when it is missing or not Ethernet */
    public static MacAddress of(String name) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) {
                throw new PacketChannelException("no interface named " + name);
            }
            byte[] hw = nif.getHardwareAddress();
            if (hw == null || hw.length != 6) {
                throw new PacketChannelException("interface " + name + " has no Ethernet address (length: "
                        + (hw == null ? 0 : hw.length) + ", expected: 6)");
            }
            return MacAddress.read(hw, 0);
        } catch (SocketException e) {
            throw new PacketChannelException("cannot read interface " + name + ": " + e.getMessage(), e);
        }
    }
}
