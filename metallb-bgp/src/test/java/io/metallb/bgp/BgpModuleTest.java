package io.metallb.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.spi.AnnouncerProvider;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The module graph as embedders see it: the provider is declared, the protocol is {@code bgp}. */
class BgpModuleTest {

    @Test
    void providesTheBgpAnnouncer() {
        Module module = BgpAnnouncerProvider.class.getModule();
        assertThat(module.isNamed()).as("tests run on the module path").isTrue();
        ModuleDescriptor d = module.getDescriptor();
        assertThat(d.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo(AnnouncerProvider.class.getName());
            assertThat(p.providers()).containsExactly(BgpAnnouncerProvider.class.getName());
        });
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source)
                .contains("io.metallb.bgp", "io.metallb.bgp.wire", "io.metallb.bgp.fsm")
                .doesNotContain("io.metallb.bgp.speaker");
        assertThat(new BgpAnnouncerProvider().protocol()).isEqualTo("bgp");
    }
}
