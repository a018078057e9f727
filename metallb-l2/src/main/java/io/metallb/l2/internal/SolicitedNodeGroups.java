package io.metallb.l2.internal;

import io.metallb.api.net.IpAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps this host a member of the solicited-node multicast group (RFC 4291 §2.7.1) of every IPv6 address it
 * answers for, per interface. Neighbour solicitations go to that group, and a NIC filters multicast it has not
 * joined; joining through an ordinary IPv6 datagram socket makes the kernel program the NIC's filter (and send
 * the MLD report switches snoop on), which is what MetalLB does through its ICMPv6 socket. Owned by the
 * announcer's thread.
 */
final class SolicitedNodeGroups implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SolicitedNodeGroups.class.getName());

    private final Map<String, DatagramChannel> sockets = new HashMap<>();
    private final Map<String, Map<IpAddress, MembershipKey>> joined = new HashMap<>();

    /** Makes the groups joined on {@code iface} exactly those of {@code addresses} (IPv6 ones). */
    void set(String iface, Set<IpAddress> addresses) {
        Set<IpAddress> wanted = new HashSet<>();
        for (IpAddress a : addresses) {
            if (!a.isV4()) {
                wanted.add(io.metallb.l2.wire.NdpPacket.solicitedNode(a));
            }
        }
        Map<IpAddress, MembershipKey> have = joined.computeIfAbsent(iface, k -> new HashMap<>());
        have.entrySet().removeIf(e -> {
            if (!wanted.contains(e.getKey())) {
                e.getValue().drop();
                return true;
            }
            return false;
        });
        for (IpAddress group : wanted) {
            if (!have.containsKey(group)) {
                try {
                    have.put(group, socket(iface).join(InetAddress.getByAddress(group.toBytes()),
                            NetworkInterface.getByName(iface)));
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot join " + group + " on " + iface
                            + "; solicitations to it may not arrive: " + e.getMessage());
                }
            }
        }
        if (have.isEmpty()) {
            joined.remove(iface);
            closeSocket(iface);
        }
    }

    private DatagramChannel socket(String iface) throws IOException {
        DatagramChannel s = sockets.get(iface);
        if (s == null) {
            s = DatagramChannel.open(StandardProtocolFamily.INET6);
            sockets.put(iface, s);
        }
        return s;
    }

    private void closeSocket(String iface) {
        DatagramChannel s = sockets.remove(iface);
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing group socket of " + iface + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        joined.values().forEach(m -> m.values().forEach(MembershipKey::drop));
        joined.clear();
        Set.copyOf(sockets.keySet()).forEach(this::closeSocket);
    }
}
