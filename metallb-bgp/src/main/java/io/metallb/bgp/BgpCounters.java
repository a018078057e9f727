package io.metallb.bgp;

/**
 * Counters for metrics, named after MetalLB's {@code metallb_bgp_*} series; the distribution binds them to its
 * registry. Calls come from the sessions' event loop and must not block. {@code peer} is the peer's address and
 * port as MetalLB labels these series ({@code 198.51.100.1:179}, {@code [2001:db8::1]:179}), not the BGPPeer's
 * name.
 */
public interface BgpCounters {
    /** Does nothing. */
    BgpCounters NONE = new BgpCounters() {
    };

    /** Counters reported to {@code sink} under MetalLB's {@code metallb_bgp_*} names, label {@code peer}. */
    static BgpCounters reportingTo(io.metallb.api.spi.MetricSink sink) {
        return sink == io.metallb.api.spi.MetricSink.NONE ? NONE : new SinkCounters(sink);
    }

    /** {@code metallb_bgp_session_up{peer}}: 1 while Established. */
    default void sessionUp(String peer, boolean up) {
    }

    /** {@code metallb_bgp_updates_total{peer}}: UPDATEs sent. */
    default void updatesSent(String peer, int count) {
    }

    /** {@code metallb_bgp_updates_received_total{peer}}: UPDATEs received (counted, then dropped). */
    default void updatesReceived(String peer, int count) {
    }

    /** {@code metallb_bgp_announced_prefixes_total{peer}}: prefixes the peer has from us now. */
    default void prefixesAnnounced(String peer, int count) {
    }

    /** {@code metallb_bgp_pending_prefixes_total{peer}}: prefixes wanted but not yet sent. */
    default void pendingPrefixes(String peer, int count) {
    }
}
