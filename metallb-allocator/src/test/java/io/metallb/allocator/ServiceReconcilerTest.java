package io.metallb.allocator;

import static io.metallb.allocator.Fixtures.config;
import static io.metallb.allocator.Fixtures.ip;
import static io.metallb.allocator.Fixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import io.metallb.api.service.ServiceType;
import io.metallb.api.spi.Assignment;
import io.metallb.api.spi.Reconciliation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The controller's decision per service: ours or not, what it gets, and whether status must change. */
class ServiceReconcilerTest {

    private final DefaultAllocator alloc = new DefaultAllocator();
    private final Service web = Service.loadBalancer(ServiceKey.parse("default/web"), ServicePort.tcp(80));

    @BeforeEach
    void pools() {
        alloc.setConfig(config(pool("a", "198.51.100.0/29")));
    }

    private Reconciliation reconcile(Service s) {
        return alloc.reconcile(s, Map.of(), Optional.empty());
    }

    private static Service withStatus(Service s, Assignment a) {
        return s.withIngress(a.ips()).withAnnotations(Map.of("metallb.io/ip-allocated-from-pool", a.pool()));
    }

    @Test
    void newServiceGetsAnAddressAndAStatusChange() {
        Reconciliation r = reconcile(web);
        assertThat(r).isEqualTo(new Reconciliation.Assigned(
                new Assignment(web.key(), List.of(ip("198.51.100.0")), "a"), true, List.of()));
    }

    @Test
    void resyncOfAnUpToDateServiceChangesNothing() {
        Assignment a = ((Reconciliation.Assigned) reconcile(web)).assignment();
        assertThat(reconcile(withStatus(web, a))).isEqualTo(new Reconciliation.Assigned(a, false, List.of()));
    }

    @Test
    void statusFromBeforeARestartIsKept() {
        Service restored = withStatus(web, new Assignment(web.key(), List.of(ip("198.51.100.5")), "a"));
        Reconciliation r = reconcile(restored);
        assertThat(r).isInstanceOf(Reconciliation.Assigned.class);
        assertThat(((Reconciliation.Assigned) r).assignment().ips()).containsExactly(ip("198.51.100.5"));
        assertThat(((Reconciliation.Assigned) r).changed()).isFalse();
    }

    @Test
    void statusOutsideEveryPoolIsReplaced() {
        Service stale = web.withIngress(List.of(ip("203.0.113.9")));
        Reconciliation.Assigned r = (Reconciliation.Assigned) reconcile(stale);
        assertThat(r.assignment().ips()).containsExactly(ip("198.51.100.0"));
        assertThat(r.changed()).isTrue();
    }

    @Test
    void typeChangeAwayFromLoadBalancerReleases() {
        reconcile(web);
        assertThat(reconcile(web.withType(ServiceType.CLUSTER_IP)))
                .isEqualTo(new Reconciliation.NotOurs("type is ClusterIP", true, List.of()));
        assertThat(alloc.assignment(web.key())).isEmpty();
    }

    @Test
    void otherLoadBalancerClassIsLeftAlone() {
        reconcile(web);
        Reconciliation r = reconcile(web.withLoadBalancerClass("other.example/lb"));
        assertThat(r).isInstanceOf(Reconciliation.NotOurs.class);
        assertThat(((Reconciliation.NotOurs) r).released()).isFalse();
        assertThat(alloc.assignment(web.key())).isPresent();
    }

    @Test
    void configuredLoadBalancerClassServesOnlyThatClass() {
        Service classed = web.withLoadBalancerClass("metallb.example/lb");
        assertThat(alloc.reconcile(classed, Map.of(), Optional.of("metallb.example/lb")))
                .isInstanceOf(Reconciliation.Assigned.class);
        assertThat(alloc.reconcile(web, Map.of(), Optional.of("metallb.example/lb")))
                .isInstanceOf(Reconciliation.NotOurs.class);
    }

    @Test
    void unreadableRequestKeepsTheCurrentAddress() {
        reconcile(web);
        Service bad = web.withAnnotations(Map.of("metallb.io/loadBalancerIPs", "not-an-ip"));
        assertThat(reconcile(bad)).isInstanceOf(Reconciliation.Failed.class);
        assertThat(alloc.assignment(web.key())).isPresent();
    }

    @Test
    void deprecatedAnnotationsAreReportedAndHonoured() {
        Service old = web.withAnnotations(Map.of("metallb.universe.tf/loadBalancerIPs", "198.51.100.6"));
        Reconciliation.Assigned r = (Reconciliation.Assigned) reconcile(old);
        assertThat(r.assignment().ips()).containsExactly(ip("198.51.100.6"));
        assertThat(r.warnings()).hasSize(1).allMatch(w -> w.contains("metallb.universe.tf/loadBalancerIPs"));
    }

    @Test
    void refusalNamesTheReason() {
        Service far = web.withLoadBalancerIp("203.0.113.50");
        assertThat(reconcile(far)).isEqualTo(new Reconciliation.Failed("203.0.113.50 is not in any pool",
                List.of()));
    }
}
