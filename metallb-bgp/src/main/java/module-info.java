/**
 * metallb-bgp: a BGP-4 speaker on Netty. The wire codec ({@code io.metallb.bgp.wire}) is pure; the session state
 * machine ({@code io.metallb.bgp.fsm}) is a function run on one event loop; the {@code bgp} announcer provider
 * plugs it into the speaker through the api SPI.
 */
module io.metallb.bgp {
    requires transitive io.metallb.api;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;

    exports io.metallb.bgp;
    exports io.metallb.bgp.wire;
    exports io.metallb.bgp.fsm;

    provides io.metallb.api.spi.AnnouncerProvider with io.metallb.bgp.BgpAnnouncerProvider;

}
