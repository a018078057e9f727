/**
 * metallb-example-embedding (examples/embedding): a controller composed from MetalLB's artifacts alone. It requires
 * metallb-api, finds the allocator through {@link java.util.ServiceLoader} ({@code uses AllocatorProvider}, provided
 * by metallb-allocator at run time) and brings its own {@link io.metallb.api.spi.ClusterSource}: a text file of pools
 * and services, with the assignments saved beside it.
 */
module io.metallb.example.embedding {
    requires io.metallb.api;

    exports io.metallb.example.embedding;

    uses io.metallb.api.spi.AllocatorProvider;
}
