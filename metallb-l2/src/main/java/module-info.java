/**
 * metallb-l2: the {@code layer2} announcer. ARP and NDP wire codecs (own records), the per-address node
 * election, the responder and gratuitous announcements; an AF_PACKET socket (default) or pcap4j captures and
 * injects frames behind the {@link io.metallb.l2.channel.PacketChannel} seam.
 */
module io.metallb.l2 {
    requires transitive io.metallb.api;
    requires org.pcap4j.core;
    requires com.sun.jna;

    exports io.metallb.l2;
    exports io.metallb.l2.wire;
    exports io.metallb.l2.election;
    exports io.metallb.l2.channel;

    provides io.metallb.api.spi.AnnouncerProvider with io.metallb.l2.Layer2AnnouncerProvider;
}
