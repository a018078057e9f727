package io.metallb.distribution.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Assignment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @TempDir
    Path dir;

    static Assignment assignment(String key, String pool, String... ips) {
        ServiceKey k = ServiceKey.parse(key);
        return new Assignment(k, List.of(ips).stream().map(IpAddress::parse).toList(), pool);
    }

    @Test
    void livesBesideTheFileAndRoundTripsInTheDocumentedFormat() throws IOException {
        StateFile state = StateFile.beside(dir.resolve("standalone.yaml"));
        assertThat(state.path()).isEqualTo(dir.resolve("standalone.yaml.state").toAbsolutePath());
        assertThat(state.exists()).isFalse();
        assertThat(state.read()).isEmpty();
        Map<ServiceKey, Assignment> held = Map.of(
                ServiceKey.parse("team-a/dual"), assignment("team-a/dual", "edge", "198.51.100.11", "2001:db8::11"),
                ServiceKey.parse("default/web"), assignment("default/web", "edge", "198.51.100.10"));
        state.write(held);
        assertThat(Files.readString(state.path())).isEqualTo("""
                # metallb standalone: the addresses each Service of standalone.yaml holds, and their pool.
                # Written by `metallb standalone` on every change; read at start so a restart keeps every address.
                default/web:
                  pool: edge
                  ips:
                  - 198.51.100.10
                team-a/dual:
                  pool: edge
                  ips:
                  - 198.51.100.11
                  - 2001:db8::11
                """);
        assertThat(state.read()).isEqualTo(held);
        assertThat(dir.resolve("standalone.yaml.state.tmp")).doesNotExist();
        state.write(Map.of());
        assertThat(state.read()).isEmpty();
    }

    @Test
    void aMalformedEntryIsAnErrorNamingIt() throws IOException {
        StateFile state = StateFile.beside(dir.resolve("s.yaml"));
        Files.writeString(state.path(), "default/web:\n  pool: edge\n");
        assertThatThrownBy(state::read).isInstanceOf(IOException.class)
                .hasMessageContaining("entry \"default/web\": expected namespace/name: {pool: NAME, ips: [ADDRESS...]}");
        Files.writeString(state.path(), "default/web:\n  pool: edge\n  ips: [198.51.100.300]\n");
        assertThatThrownBy(state::read).isInstanceOf(IOException.class)
                .hasMessageContaining("entry \"default/web\": ips: ");
        Files.writeString(state.path(), "default/web:\n  pool: edge\n  ips: []\n");
        assertThatThrownBy(state::read).isInstanceOf(IOException.class)
                .hasMessageContaining("entry \"default/web\": an assignment holds at least one address");
        Files.writeString(state.path(), "- just a list\n");
        assertThatThrownBy(state::read).isInstanceOf(IOException.class).hasMessageContaining("expected a mapping");
    }
}
