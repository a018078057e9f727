/**
 * The {@code bgp} announcer: {@link io.metallb.bgp.BgpAnnouncerProvider} for the SPI, and
 * {@link io.metallb.bgp.BgpCounters} for the distribution's metrics.
 */
package io.metallb.bgp;
