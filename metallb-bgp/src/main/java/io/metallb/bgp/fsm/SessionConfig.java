package io.metallb.bgp.fsm;

import io.metallb.api.config.BgpPeer;
import io.metallb.bgp.wire.Capability;
import io.metallb.bgp.wire.Open;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one session's state machine needs to know about its side and the expected peer.
 *
 * @param peerAsn the peer's AS when fixed; empty with {@code dynamicAsn}
 * @param routerId our BGP Identifier
 * @param holdTime the hold time we propose (0, or at least 3 s)
 * @param keepalive our keepalive interval (capped at a third of the negotiated hold time)
 * @param connectRetry ConnectRetryTime (RFC 4271 §10)
 * @param capabilities capabilities we advertise, 4-octet AS included
 * @param passive never dial: wait in Active for the peer to connect (RFC 4271 §8.1.1 PassiveTcpEstablishment)
 */
public record SessionConfig(long localAsn, OptionalLong peerAsn, Optional<BgpPeer.DynamicAsn> dynamicAsn,
        long routerId, Duration holdTime, Duration keepalive, Duration connectRetry, List<Capability> capabilities,
        boolean passive) {

    /** RFC 4271 §8: "a large value" for the hold timer while waiting for the peer's OPEN. */
    public static final Duration OPEN_HOLD_TIME = Duration.ofMinutes(4);

    public SessionConfig {
        Objects.requireNonNull(peerAsn, "peerAsn");
        Objects.requireNonNull(dynamicAsn, "dynamicAsn");
        if (peerAsn.isPresent() == dynamicAsn.isPresent()) {
            throw new IllegalArgumentException("exactly one of peerAsn and dynamicAsn must be set");
        }
        long hold = holdTime.toSeconds();
        if (hold == 1 || hold == 2 || hold > 0xFFFF) {
            throw new IllegalArgumentException("hold time " + holdTime + " (expected: 0 or 3..65535 s)");
        }
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(connectRetry, "connectRetry");
        capabilities = List.copyOf(capabilities);
    }

    /** An active session (this speaker dials). */
    public SessionConfig(long localAsn, OptionalLong peerAsn, Optional<BgpPeer.DynamicAsn> dynamicAsn,
            long routerId, Duration holdTime, Duration keepalive, Duration connectRetry,
            List<Capability> capabilities) {
        this(localAsn, peerAsn, dynamicAsn, routerId, holdTime, keepalive, connectRetry, capabilities, false);
    }

    /** The same session with other capabilities (for example the Graceful Restart one without the R bit). */
    public SessionConfig withCapabilities(List<Capability> other) {
        return new SessionConfig(localAsn, peerAsn, dynamicAsn, routerId, holdTime, keepalive, connectRetry, other,
                passive);
    }

    /** The OPEN we send. */
    public Open open() {
        return Open.of(localAsn, (int) holdTime.toSeconds(), routerId, capabilities);
    }

    /** Whether the peer's AS is acceptable: the configured one, or (dynamicASN) inside or outside ours. */
    public boolean acceptsPeerAsn(long asn) {
        if (peerAsn.isPresent()) {
            return peerAsn.getAsLong() == asn;
        }
        return (dynamicAsn.get() == BgpPeer.DynamicAsn.INTERNAL) == (asn == localAsn);
    }
}
