/**
 * The {@code layer2} announcer: {@link io.metallb.l2.Layer2AnnouncerProvider}, found through
 * {@link java.util.ServiceLoader} as {@code io.metallb.api.spi.AnnouncerProvider}.
 */
package io.metallb.l2;
