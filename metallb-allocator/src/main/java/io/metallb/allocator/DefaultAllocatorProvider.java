package io.metallb.allocator;

import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.AllocatorProvider;

/** Provides the {@link DefaultAllocator} through {@link java.util.ServiceLoader}. */
public final class DefaultAllocatorProvider implements AllocatorProvider {

    @Override
    public String name() {
        return "default";
    }

    @Override
    public Allocator create() {
        return new DefaultAllocator();
    }
}
