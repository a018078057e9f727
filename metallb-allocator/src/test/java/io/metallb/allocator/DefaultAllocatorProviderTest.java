package io.metallb.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.spi.AllocatorProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The allocator is found the way the controller finds it: ServiceLoader, through module-info's provides. */
class DefaultAllocatorProviderTest {

    @Test
    void serviceLoaderFindsTheDefaultAllocatorOnTheModulePath() {
        assertThat(getClass().getModule().isNamed()).as("tests run on the module path").isTrue();
        assertThat(ServiceLoader.load(AllocatorProvider.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(DefaultAllocatorProvider.class);
        AllocatorProvider p = ServiceLoader.load(AllocatorProvider.class).findFirst().orElseThrow();
        assertThat(p.name()).isEqualTo("default");
        assertThat(p.create()).isInstanceOf(DefaultAllocator.class).isNotSameAs(p.create());
    }
}
