/**
 * metallb-l2: the {@code layer2} announcer. ARP and NDP wire codecs (own records), the per-address node
 * election, the responder and gratuitous announcements; pcap4j captures and injects frames behind the
 * packet-channel seam.
 */
module io.metallb.l2 {
    requires transitive io.metallb.api;

    exports io.metallb.l2.wire;
}
