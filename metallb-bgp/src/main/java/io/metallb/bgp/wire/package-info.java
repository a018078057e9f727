/**
 * BGP-4 messages (RFC 4271, 4760, 6793, 2918, 4724, 8654, 1997, 8092, 4486, 8203) and their pure codec,
 * {@link io.metallb.bgp.wire.BgpMessageCodec}, with RFC 7606 revised error handling.
 */
package io.metallb.bgp.wire;
