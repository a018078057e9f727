/**
 * The default allocator: {@link io.metallb.allocator.DefaultAllocator}, provided to
 * {@link java.util.ServiceLoader} as an {@link io.metallb.api.spi.AllocatorProvider}.
 */
package io.metallb.allocator;
