/**
 * The service provider interfaces, loaded with {@link java.util.ServiceLoader}: the allocator, the announcer
 * (the protocol plugin SPI), the cluster source, and membership. The default allocator, the {@code layer2} and
 * {@code bgp} announcers and the Kubernetes source are implementations like any third party's would be.
 */
package io.metallb.api.spi;
