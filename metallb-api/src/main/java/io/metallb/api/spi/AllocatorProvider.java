package io.metallb.api.spi;

/**
 * Makes the {@link Allocator} a controller uses. Found with {@link java.util.ServiceLoader}; the allocator module
 * provides the default one.
 */
public interface AllocatorProvider {

    /** A short name for logs and for choosing among several providers, e.g. {@code default}. */
    String name();

    /** A new, empty allocator with the empty config. */
    Allocator create();
}
