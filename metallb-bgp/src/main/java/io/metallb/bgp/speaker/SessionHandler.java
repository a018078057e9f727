package io.metallb.bgp.speaker;

import io.metallb.bgp.fsm.SessionEvent;
import io.metallb.bgp.wire.BgpError;
import io.metallb.bgp.wire.Bytes;
import io.metallb.bgp.wire.ErrorCodes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/** Hands the frames and the fate of one connection, dialled or accepted, to its session. */
final class SessionHandler extends ChannelInboundHandlerAdapter {
    private final PeerSession session;

    SessionHandler(PeerSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
        session.frame(ctx.channel(), bytes);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.fromChannel(ctx.channel(), new SessionEvent.TcpFailed("connection closed"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedFrameException || cause instanceof TooLongFrameException) {
            // RFC 4271 §6.1: a length field out of range is Bad Message Length.
            session.fromChannel(ctx.channel(), new SessionEvent.MessageError(BgpError.reset(
                    ErrorCodes.MESSAGE_HEADER, ErrorCodes.BAD_MESSAGE_LENGTH, Bytes.EMPTY, cause.getMessage())));
        } else {
            session.fromChannel(ctx.channel(), new SessionEvent.TcpFailed(String.valueOf(cause)));
        }
    }
}
