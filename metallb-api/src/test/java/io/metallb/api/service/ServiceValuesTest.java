package io.metallb.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceValuesTest {

    @Test
    void serviceKeyParsesAndOrders() {
        assertThat(ServiceKey.parse("web/front")).isEqualTo(new ServiceKey("web", "front"));
        assertThat(ServiceKey.parse("front")).isEqualTo(new ServiceKey("default", "front"));
        assertThat(new ServiceKey("web", "front")).hasToString("web/front");
        assertThat(List.of(new ServiceKey("b", "a"), new ServiceKey("a", "z"), new ServiceKey("a", "b")).stream()
                .sorted().map(ServiceKey::toString)).containsExactly("a/b", "a/z", "b/a");
    }

    @Test
    void servicePortRangeAndText() {
        assertThat(ServicePort.tcp(80)).hasToString("TCP/80");
        assertThat(ServicePort.udp(53)).isNotEqualTo(ServicePort.tcp(53));
        assertThat(new ServicePort(ServicePort.Protocol.SCTP, 65535).port()).isEqualTo(65535);
        assertThatIllegalArgumentException().isThrownBy(() -> ServicePort.tcp(65536))
                .withMessage("port: 65536 (expected: 0..65535)");
        assertThatIllegalArgumentException().isThrownBy(() -> ServicePort.tcp(-1));
    }

    @Test
    void enumsReadTheirKubernetesSpelling() {
        assertThat(ServiceType.fromWireName("LoadBalancer")).isEqualTo(ServiceType.LOAD_BALANCER);
        assertThat(IpFamilyPolicy.fromWireName("PreferDualStack")).isEqualTo(IpFamilyPolicy.PREFER_DUAL_STACK);
        assertThat(ExternalTrafficPolicy.fromWireName("Local")).isEqualTo(ExternalTrafficPolicy.LOCAL);
        assertThat(ExternalTrafficPolicy.CLUSTER.wireName()).isEqualTo("Cluster");
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceType.fromWireName("loadbalancer"));
        assertThatIllegalArgumentException().isThrownBy(() -> IpFamilyPolicy.fromWireName("DualStack"))
                .withMessageContaining("\"DualStack\"");
        assertThatIllegalArgumentException().isThrownBy(() -> ExternalTrafficPolicy.fromWireName("local"));
    }

    @Test
    void serviceCopiesAndSortsItsMaps() {
        Service s = Service.loadBalancer(new ServiceKey("web", "front"))
                .withAnnotations(Map.of("z", "1", "a", "2"));
        assertThat(s.annotations().keySet()).containsExactly("a", "z");
        assertThat(s.withType(ServiceType.CLUSTER_IP).type()).isEqualTo(ServiceType.CLUSTER_IP);
        assertThat(s.withLoadBalancerClass(null).loadBalancerClass()).isEmpty();
        assertThat(s.withLoadBalancerClass("metallb").loadBalancerClass()).contains("metallb");
    }
}
