package io.metallb.bgp.speaker;

import io.metallb.bgp.wire.WireOptions;

/**
 * Sees every whole BGP message a peer sends, before it is decoded, on the session's event loop. For tests and
 * debugging (the interop tests capture what real routers send through it); must not block.
 */
@FunctionalInterface
public interface MessageTap {
    /** No tap. */
    MessageTap NONE = (peer, frame, options) -> {
    };

    /**
     * @param peer the BGPPeer's name
     * @param frame the whole message, header included (a copy the tap may keep)
     * @param options the session options it is decoded with
     */
    void received(String peer, byte[] frame, WireOptions options);
}
