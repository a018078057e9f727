/**
 * IP values: addresses, CIDR prefixes and inclusive ranges, parsed strictly and held compactly (a pool of
 * millions of addresses, or an IPv6 /64, is one {@link io.metallb.api.net.IpRange}).
 */
package io.metallb.api.net;
