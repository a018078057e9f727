/**
 * Wire codecs for layer 2 announcement: Ethernet II with 802.1Q tags, ARP (RFC 826), IPv6 with ICMPv6 neighbour
 * solicitation and advertisement (RFC 4861). Pure: bytes in, records or a typed drop reason out.
 */
package io.metallb.l2.wire;
