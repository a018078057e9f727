package io.metallb.bgp.speaker;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a speaker runs beyond its peers' configuration.
 *
 * @param listen where to accept connections from peers (RFC 4271 §8.1.1 passive establishment; an accepted
 *     connection belongs to the configured peer with its remote address, others are refused with Cease /
 *     Connection Rejected); empty: never listen, as MetalLB's speaker
 * @param passivePeers names of BGPPeers this speaker never dials: it waits for them on {@code listen}
 * @param restarted this speaker replaces one that went away (process restart, announcer re-created): with
 *     graceful restart enabled on a peer, its first OPEN sets the Restart State bit and the Forwarding State bit
 *     of each family (the node kept forwarding to its services meanwhile), RFC 4724 §3
 * @param tap sees every message the peers send
 */
public record SpeakerOptions(Optional<InetSocketAddress> listen, Set<String> passivePeers, boolean restarted,
        MessageTap tap) {
    /** Dial out only, never listen; a fresh start. */
    public static final SpeakerOptions DEFAULT = new SpeakerOptions(Optional.empty(), Set.of(), false, MessageTap.NONE);

    public SpeakerOptions {
        Objects.requireNonNull(listen, "listen");
        passivePeers = Set.copyOf(passivePeers);
        Objects.requireNonNull(tap, "tap");
        if (!passivePeers.isEmpty() && listen.isEmpty()) {
            throw new IllegalArgumentException("passivePeers " + passivePeers + " need a listen address");
        }
    }

    public SpeakerOptions withListen(InetSocketAddress address) {
        return new SpeakerOptions(Optional.of(address), passivePeers, restarted, tap);
    }

    public SpeakerOptions withPassivePeers(Set<String> names) {
        return new SpeakerOptions(listen, names, restarted, tap);
    }

    public SpeakerOptions withRestarted(boolean value) {
        return new SpeakerOptions(listen, passivePeers, value, tap);
    }

    public SpeakerOptions withTap(MessageTap value) {
        return new SpeakerOptions(listen, passivePeers, restarted, value);
    }
}
