package io.metallb.bgp.speaker;

import io.metallb.bgp.fsm.SessionEvent;
import io.metallb.bgp.wire.BgpError;
import io.metallb.bgp.wire.BgpException;
import io.metallb.bgp.wire.BgpMessage;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.Bytes;
import io.metallb.bgp.wire.Decoded;
import io.metallb.bgp.wire.ErrorCodes;
import io.metallb.bgp.wire.Keepalive;
import io.metallb.bgp.wire.Notification;
import io.metallb.bgp.wire.Open;
import io.metallb.bgp.wire.RouteRefresh;
import io.metallb.bgp.wire.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/** Turns frames into session events for one connection; everything runs on the channel's event loop. */
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
        SessionEvent event;
        try {
            event = toEvent(BgpMessageCodec.decode(bytes, session.wireOptions()));
        } catch (BgpException e) {
            event = new SessionEvent.MessageError(e.error());
        }
        session.fromChannel(ctx.channel(), event);
    }

    private static SessionEvent toEvent(Decoded d) {
        BgpMessage m = d.message();
        if (m instanceof Open o) {
            return new SessionEvent.OpenReceived(o);
        }
        if (m instanceof Update) {
            return new SessionEvent.UpdateReceived(d);
        }
        if (m instanceof Keepalive) {
            return new SessionEvent.KeepaliveReceived();
        }
        if (m instanceof Notification n) {
            return new SessionEvent.NotificationReceived(n);
        }
        return new SessionEvent.RouteRefreshReceived((RouteRefresh) m);
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
