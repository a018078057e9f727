package io.metallb.distribution.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpPeer;
import io.metallb.api.net.IpAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoExamplesTest {

    @Test
    void theBundledExamplesAreAValidConfigWithServices() throws Exception {
        DemoExamples bundled = DemoExamples.load(Optional.empty());
        assertThat(bundled.parsed().pools()).containsOnlyKeys("lan", "routed");
        assertThat(bundled.parsed().bgpPeers()).containsOnlyKeys("tor");
        assertThat(bundled.services()).hasSize(5);
    }

    @Test
    void everyPeerOfAUsersFileIsPointedAtTheRouterOnLoopbackWithoutPassword(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.yaml"), """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: p, namespace: metallb-system}
                spec: {addresses: [203.0.113.0/28]}
                ---
                apiVersion: metallb.io/v1beta2
                kind: BGPPeer
                metadata: {name: far, namespace: metallb-system}
                spec: {myASN: 64512, peerASN: 64513, peerAddress: 203.0.113.254, password: secret}
                """);
        Files.writeString(dir.resolve("services.yaml"), """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec: {type: LoadBalancer, ports: [{port: 80}]}
                """);
        DemoExamples loaded = DemoExamples.load(Optional.of(dir));
        assertThat(loaded.parsed().bgpPeers().get("far").peerAddress()).isEqualTo(IpAddress.parse("203.0.113.254"));

        BgpPeer far = loaded.pointedAt(40179).parsed().bgpPeers().get("far");
        assertThat(far.peerAddress()).isEqualTo(IpAddress.parse("127.0.0.1"));
        assertThat(far.peerPort()).isEqualTo(40179);
        assertThat(far.password()).isEmpty();
        assertThat(far.peerAsn()).hasValue(64513);
    }
}
