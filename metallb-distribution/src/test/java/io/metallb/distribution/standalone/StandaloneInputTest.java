package io.metallb.distribution.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metallb.api.config.ConfigResult;
import io.metallb.api.service.ExternalTrafficPolicy;
import io.metallb.api.service.ServiceKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneInputTest {

    static final String POOL = Fixtures.POOL;

    @TempDir
    Path dir;

    StandaloneInput read(String text) throws IOException {
        Path file = dir.resolve("standalone.yaml");
        Files.writeString(file, text);
        return StandaloneInput.read(file);
    }

    @Test
    void readsTheObjectsTheServicesAndTheNamespaces() throws IOException {
        StandaloneInput in = read(POOL + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: team-a
                  labels:
                    tier: gold
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: team-a
                  annotations:
                    metallb.universe.tf/allow-shared-ip: web
                spec:
                  type: LoadBalancer
                  externalTrafficPolicy: Local
                  loadBalancerIP: 198.51.100.12
                  ports:
                  - port: 80
                """);
        assertThat(in.valid()).as(in.allErrors().toString()).isTrue();
        assertThat(((ConfigResult.Valid) in.config()).config().pools()).containsOnlyKeys("edge");
        var web = in.services().get(new ServiceKey("team-a", "web"));
        assertThat(web.loadBalancerIp()).contains("198.51.100.12");
        assertThat(web.externalTrafficPolicy()).isEqualTo(ExternalTrafficPolicy.LOCAL);
        assertThat(web.annotations()).containsEntry("metallb.universe.tf/allow-shared-ip", "web");
        assertThat(in.labelsOf("team-a")).isEqualTo(Map.of("tier", "gold"));
        assertThat(in.labelsOf("default")).isEmpty();
    }

    @Test
    void aMalformedServiceIsAnErrorNamingItAndTheField() throws IOException {
        StandaloneInput in = read(POOL + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: bad
                spec:
                  type: LoadBalancer
                  ports:
                  - port: eighty
                """);
        assertThat(in.valid()).isFalse();
        assertThat(in.allErrors()).extracting(Object::toString)
                .containsExactly("Service \"default/bad\": spec.ports[].port: expected a number, got eighty");
    }

    @Test
    void aServiceTwiceAConfigErrorAndALegacyConfigMapAreAllReported() throws IOException {
        String svc = """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  type: LoadBalancer
                """;
        StandaloneInput in = read(POOL.replace("198.51.100.10-198.51.100.19", "198.51.100.300") + svc + svc + """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: config
                data:
                  config: |
                    address-pools: []
                """);
        assertThat(in.allErrors()).extracting(Object::toString).containsExactly(
                "ConfigMap \"config\": data.config: a legacy MetalLB ConfigMap (expected: metallb.io objects; "
                        + "`metallb convert` converts it)",
                "IPAddressPool \"edge\": spec.addresses[0]: \"198.51.100.300\" is not a CIDR or a range: "
                        + "no prefix length",
                "Service \"default/web\": metadata.name: defined twice (expected: one Service per namespace/name)");
    }

    @Test
    void aFileThatIsNotYamlIsAnIoError() throws IOException {
        assertThatThrownBy(() -> read("a: [unclosed")).isInstanceOf(IOException.class).hasMessageContaining(
                "not YAML");
    }
}
