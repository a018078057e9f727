package io.metallb.bgp.speaker;

import io.metallb.bgp.wire.BgpMessageCodec;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts the TCP stream into whole BGP messages by the header's length field (RFC 4271 §4.1). A length field
 * below 18 makes Netty throw a CorruptedFrameException, which the session reports as Bad Message Length; 18
 * itself passes here and the codec refuses it.
 */
final class BgpFrameDecoder extends LengthFieldBasedFrameDecoder {
    BgpFrameDecoder() {
        super(65535, BgpMessageCodec.LENGTH_OFFSET, 2, -(BgpMessageCodec.LENGTH_OFFSET + 2), 0);
    }
}
