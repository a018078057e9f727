/**
 * The packet-channel seam: raw frames in and out of one interface. {@link io.metallb.l2.channel.PacketChannel}
 * is implemented over pcap4j inside this module and in memory for tests; other back ends can replace both.
 */
package io.metallb.l2.channel;
