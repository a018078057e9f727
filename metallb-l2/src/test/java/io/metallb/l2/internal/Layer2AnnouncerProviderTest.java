package io.metallb.l2.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metallb.l2.channel.PacketChannelException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Layer2AnnouncerProviderTest {

    @Test
    void moduleProvidesTheAnnouncerSpi() {
        ModuleDescriptor d = Layer2AnnouncerTest.class.getModule().getDescriptor();
        assertThat(d).as("tests run on the module path").isNotNull();
        assertThat(d.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo("io.metallb.api.spi.AnnouncerProvider");
            assertThat(p.providers()).containsExactly("io.metallb.l2.Layer2AnnouncerProvider");
        });
        assertThat(new io.metallb.l2.Layer2AnnouncerProvider().protocol()).isEqualTo("layer2");
    }

    @Test
    void settingsHaveDocumentedDefaultsAndSayWhatIsWrong() {
        Layer2Settings s = Layer2Settings.from(Map.of());
        assertThat(s.reannounce()).isEqualTo(Layer2Settings.DEFAULT_REANNOUNCE);
        assertThat(s.burstCount()).isEqualTo(5);
        assertThat(s.burstInterval().toMillis()).isEqualTo(1100);
        assertThatThrownBy(() -> Layer2Settings.from(Map.of("layer2.reannounce-seconds", "soon")))
                .hasMessage("layer2.reannounce-seconds: \"soon\" (expected: seconds, 0 = off)");
    }

    @Test
    void packetBackendAndPriorityOptionsSayWhatIsWrong() {
        io.metallb.l2.Layer2AnnouncerProvider provider = new io.metallb.l2.Layer2AnnouncerProvider();
        assertThatThrownBy(() -> provider.create(new io.metallb.api.spi.AnnouncerContext("n1", Map.of(),
                Map.of("layer2.packet-backend", "xdp")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer2.packet-backend: \"xdp\" (expected: af-packet or pcap)");
        assertThatThrownBy(() -> provider.create(new io.metallb.api.spi.AnnouncerContext("n1", Map.of(),
                Map.of("layer2.receive-priority", "high")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer2.receive-priority: \"high\" (expected: realtime or normal)");
    }

    @Test
    void missingNetRawIsAClearErrorAtStart(@TempDir Path dir) throws Exception {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nCapEff:\t0000000000000000\n");
        assertThatThrownBy(() -> NetRawCheck.require(status)).isInstanceOf(PacketChannelException.class)
                .hasMessageContaining("CAP_NET_RAW");
        NetRawCheck.require(Files.writeString(dir.resolve("root"), "CapEff:\t000001ffffffffff\n"));
    }
}
