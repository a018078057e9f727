package io.metallb.l2.wire;

import io.metallb.api.net.IpAddress;
import java.util.Objects;

/**
 * An ARP packet for IPv4 over Ethernet (RFC 826): hardware type 1, protocol type 0x0800, lengths 6 and 4.
 *
 * <p>A gratuitous ARP (RFC 5227 §3) has {@code senderIp == targetIp}.
 */
public record ArpPacket(ArpOperation operation, MacAddress senderMac, IpAddress senderIp, MacAddress targetMac,
        IpAddress targetIp) implements EthernetPayload {

    public ArpPacket {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(senderMac, "senderMac");
        Objects.requireNonNull(targetMac, "targetMac");
        if (!senderIp.isV4() || !targetIp.isV4()) {
            throw new IllegalArgumentException("ARP addresses: " + senderIp + ", " + targetIp + " (expected: IPv4)");
        }
    }
}
