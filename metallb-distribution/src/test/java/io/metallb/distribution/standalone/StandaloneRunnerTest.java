package io.metallb.distribution.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone loop in-process, with the {@code bgp} protocol announced by a {@code recording} plugin
 * ({@code --implementation bgp=recording}), so no network is needed: allocation, state file, edits, an invalid
 * edit, withdrawal on close and a restart.
 */
class StandaloneRunnerTest {

    static final String CONFIG = Fixtures.POOL + Fixtures.peer("203.0.113.1", 0) + Fixtures.BGP_ADVERTISEMENT;

    @TempDir
    Path dir;

    final List<String> log = new ArrayList<>();

    static String service(String name, String extra) {
        return Fixtures.service(name, extra);
    }

    StandaloneRunner runner(Path file, RecordingProvider provider) {
        return new StandaloneRunner(new StandaloneRunner.Options(file, "host-a", Map.of("rack", "r1"),
                Map.of("bgp", "recording"), Map.of("recording.x", "y")), Assignments.installedAllocator(),
                List.of(provider), log::add);
    }

    String logText() {
        return String.join("\n", log);
    }

    static String secret(String name, String dataOrStringData) {
        return """
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s
                type: kubernetes.io/basic-auth
                %s
                """.formatted(name, dataOrStringData);
    }

    @Test
    void reportsMetalLbsSeriesForTheConfigThePoolsAndWhatThisHostAnnounces() throws IOException {
        Path file = dir.resolve("standalone.yaml");
        Files.writeString(file, CONFIG + service("web", "") + service("dns", ""));
        io.metallb.distribution.metrics.MetalLbMetrics metrics = new io.metallb.distribution.metrics.MetalLbMetrics();
        RecordingProvider provider = new RecordingProvider();
        StandaloneRunner runner = new StandaloneRunner(new StandaloneRunner.Options(file, "host-a", Map.of(),
                Map.of("bgp", "recording"), Map.of()), Assignments.installedAllocator(), List.of(provider), log::add,
                metrics);
        assertThat(runner.start()).as(logText()).isEqualTo(StandaloneRunner.Start.RUNNING);
        String text = exposition(metrics);
        assertThat(text).contains("metallb_k8s_client_config_loaded_bool 1.0")
                .contains("metallb_k8s_client_config_stale_bool 0.0")
                .contains("metallb_allocator_addresses_in_use_total{pool=\"edge\"} 2.0")
                .contains("metallb_allocator_addresses_total{pool=\"edge\"} 10.0")
                .contains("metallb_speaker_announced{ip=\"198.51.100.10\",node=\"host-a\",protocol=\"bgp\","
                        + "service=\"default/dns\"} 1.0")
                .contains("metallb_speaker_announced{ip=\"198.51.100.11\",node=\"host-a\",protocol=\"bgp\","
                        + "service=\"default/web\"} 1.0");

        Files.writeString(file, CONFIG.replace("peerASN: 64600", "peerASN: 99999999999"));
        runner.poll();
        assertThat(exposition(metrics)).as("an invalid edit: the last good config runs, stale")
                .contains("metallb_k8s_client_config_stale_bool 1.0");
        runner.close();
        assertThat(exposition(metrics)).doesNotContain("metallb_speaker_announced{");
    }

    private static String exposition(io.metallb.distribution.metrics.MetalLbMetrics metrics) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        metrics.write(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aPasswordSecretInTheFileGivesThePeerItsPasswordAndAnUnusableOneLeavesOnlyThatPeerOut() throws IOException {
        String peer = Fixtures.peer("203.0.113.1", 0) + "  passwordSecret:\n    name: router-md5\n";
        String config = Fixtures.POOL + peer + Fixtures.BGP_ADVERTISEMENT + service("web", "");
        Path file = dir.resolve("standalone.yaml");
        // "czNjcmV0" is base64 for "s3cret".
        Files.writeString(file, config + secret("router-md5", "data:\n  password: czNjcmV0"));
        RecordingProvider provider = new RecordingProvider();
        StandaloneRunner runner = runner(file, provider);
        assertThat(runner.start()).as(logText()).isEqualTo(StandaloneRunner.Start.RUNNING);
        assertThat(provider.lastConfig.bgpPeers().get("router").password()).contains("s3cret");

        Files.writeString(file, config + secret("router-md5", "stringData:\n  password: other"));
        runner.poll();
        assertThat(provider.lastConfig.bgpPeers().get("router").password()).contains("other");

        Files.writeString(file, config);
        runner.poll();
        assertThat(provider.lastConfig.bgpPeers()).doesNotContainKey("router");
        assertThat(logText()).contains("error: BGPPeer \"router\" left out: passwordSecret "
                + "\"metallb-system/router-md5\": not found");
        assertThat(provider.last).as("the Service is still announced; only the peer is out")
                .containsExactly("default/web 198.51.100.10 [edge]");

        Files.writeString(file, config + secret("router-md5", "data:\n  password: not*base64"));
        runner.poll();
        assertThat(logText()).contains("Secret \"metallb-system/router-md5\": data.password")
                .contains("the last good config keeps running");
        runner.close();
    }

    @Test
    void allocatesAnnouncesFollowsEditsKeepsTheLastGoodAndRestartsWithTheSameAddresses() throws IOException {
        Path file = dir.resolve("standalone.yaml");
        Files.writeString(file, CONFIG + service("web", "") + service("dns", "  loadBalancerIP: 198.51.100.15\n"));
        RecordingProvider provider = new RecordingProvider();
        StandaloneRunner runner = runner(file, provider);
        assertThat(runner.start()).as(logText()).isEqualTo(StandaloneRunner.Start.RUNNING);
        assertThat(provider.last).containsExactly("default/dns 198.51.100.15 [edge]", "default/web 198.51.100.10 [edge]");
        assertThat(provider.context.nodeName()).isEqualTo("host-a");
        assertThat(provider.context.nodeLabels()).isEqualTo(Map.of("rack", "r1"));
        assertThat(provider.context.options()).isEqualTo(Map.of("recording.x", "y"));
        assertThat(logText()).contains("assigned default/web 198.51.100.10 from pool \"edge\"")
                .contains("announcing default/web 198.51.100.10 by bgp: BGPAdvertisement \"edge\"; to BGPPeer \"router\"");
        assertThat(Files.readString(dir.resolve("standalone.yaml.state"))).contains("default/dns:\n  pool: edge\n  ips:\n  - 198.51.100.15");

        runner.poll();
        assertThat(runner.held()).hasSize(2);
        assertThat(log).as("an unchanged file changes nothing").noneMatch(l -> l.startsWith("reloaded"));

        String edited = CONFIG + service("web", "") + service("api", "");
        Files.writeString(file, edited);
        runner.poll();
        assertThat(provider.last).containsExactly("default/api 198.51.100.11 [edge]", "default/web 198.51.100.10 [edge]");
        assertThat(logText()).contains("released default/dns 198.51.100.15")
                .contains("withdrawing default/dns 198.51.100.15 by bgp")
                .contains("bgp default/api 198.51.100.11: announced");

        Files.writeString(file, edited.replace("peerASN: 64600", "peerASN: 99999999999") + service("extra", ""));
        runner.poll();
        assertThat(logText()).contains("invalid, 1 error; the last good config keeps running")
                .contains("error:   BGPPeer \"router\": spec.peerASN");
        assertThat(provider.last).containsExactly("default/api 198.51.100.11 [edge]", "default/web 198.51.100.10 [edge]");
        assertThat(runner.held()).doesNotContainKey(io.metallb.api.service.ServiceKey.parse("extra"));

        runner.close();
        assertThat(provider.closed).isTrue();
        assertThat(logText()).contains("withdrew 2 announcements by bgp");

        // A new Service sorting first: the state file is restored before it is allocated, so it cannot take .10.
        Files.writeString(file, edited + service("aaa", ""));
        RecordingProvider again = new RecordingProvider();
        log.clear();
        StandaloneRunner restarted = runner(file, again);
        assertThat(restarted.start()).as(logText()).isEqualTo(StandaloneRunner.Start.RUNNING);
        assertThat(again.last).containsExactly("default/aaa 198.51.100.12 [edge]", "default/api 198.51.100.11 [edge]",
                "default/web 198.51.100.10 [edge]");
        assertThat(logText()).contains("kept default/web 198.51.100.10 from pool \"edge\" (state file)");
        restarted.close();
    }

    @Test
    void anInvalidFileAtStartRunsNothing() throws IOException {
        Path file = dir.resolve("standalone.yaml");
        Files.writeString(file, CONFIG.replace("198.51.100.10-198.51.100.19", "198.51.100.19-198.51.100.10"));
        RecordingProvider provider = new RecordingProvider();
        assertThat(runner(file, provider).start()).isEqualTo(StandaloneRunner.Start.INVALID);
        assertThat(logText()).contains("error:   IPAddressPool \"edge\": spec.addresses[0]");
        assertThat(provider.created).isZero();
        assertThat(dir.resolve("standalone.yaml.state")).doesNotExist();
    }

    @Test
    void aBrokenStateFileStopsTheStartRatherThanMovingAddresses() throws IOException {
        Path file = dir.resolve("standalone.yaml");
        Files.writeString(file, CONFIG + service("web", ""));
        Files.writeString(dir.resolve("standalone.yaml.state"), "default/web: 7\n");
        assertThat(runner(file, new RecordingProvider()).start()).isEqualTo(StandaloneRunner.Start.UNREADABLE);
        assertThat(logText()).contains("entry \"default/web\"");
        assertThat(Files.readString(dir.resolve("standalone.yaml.state"))).isEqualTo("default/web: 7\n");
    }

    @Test
    void aProtocolWithoutAnnouncerIsReported() throws IOException {
        Path file = dir.resolve("standalone.yaml");
        Files.writeString(file, CONFIG + """
                ---
                apiVersion: metallb.io/v1beta1
                kind: L2Advertisement
                metadata:
                  name: l2
                """ + service("web", ""));
        StandaloneRunner runner = new StandaloneRunner(new StandaloneRunner.Options(file, "host-a", Map.of(),
                Map.of("bgp", "recording"), Map.of()), Assignments.installedAllocator(), List.of(new RecordingProvider()),
                log::add);
        assertThat(runner.start()).isEqualTo(StandaloneRunner.Start.RUNNING);
        assertThat(logText()).contains("error: no announcer for protocol \"layer2\"")
                .contains("(found: [recording])");
        runner.close();
    }
}
