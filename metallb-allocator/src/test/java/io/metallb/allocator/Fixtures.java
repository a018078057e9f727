package io.metallb.allocator;

import io.metallb.api.config.Config;
import io.metallb.api.config.IpAddressPool;
import io.metallb.api.config.ServiceAllocation;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpRange;
import io.metallb.api.selector.LabelSelector;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.IpFamilyPolicy;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import io.metallb.api.spi.AllocationResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Small builders for allocator tests. Documentation address ranges only. */
final class Fixtures {

    private Fixtures() {
    }

    static IpAddressPool pool(String name, String... ranges) {
        return IpAddressPool.of(name, Arrays.stream(ranges).map(IpRange::parse).toList());
    }

    static IpAddressPool manual(IpAddressPool p) {
        return new IpAddressPool(p.name(), p.labels(), p.addresses(), false, p.avoidBuggyIps(),
                p.serviceAllocation());
    }

    static IpAddressPool avoidBuggy(IpAddressPool p) {
        return new IpAddressPool(p.name(), p.labels(), p.addresses(), p.autoAssign(), true, p.serviceAllocation());
    }

    static IpAddressPool pinned(IpAddressPool p, Integer priority, List<String> namespaces,
            List<LabelSelector> namespaceSelectors, List<LabelSelector> serviceSelectors) {
        return new IpAddressPool(p.name(), p.labels(), p.addresses(), p.autoAssign(), p.avoidBuggyIps(),
                Optional.of(new ServiceAllocation(priority == null ? OptionalInt.empty() : OptionalInt.of(priority),
                        namespaces, namespaceSelectors, serviceSelectors)));
    }

    static Config config(IpAddressPool... pools) {
        return Config.of(List.of(pools), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    static ReqBuilder req(String name) {
        return new ReqBuilder(ServiceKey.parse(name));
    }

    static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    static List<IpAddress> ips(AllocationResult r) {
        if (r instanceof AllocationResult.Allocated a) {
            return a.assignment().ips();
        }
        throw new AssertionError("expected an allocation, got " + r);
    }

    static String refusal(AllocationResult r) {
        if (r instanceof AllocationResult.Refused f) {
            return f.reason();
        }
        throw new AssertionError("expected a refusal, got " + r);
    }

    /** Builds an AllocationRequest field by field. */
    static final class ReqBuilder {
        private final ServiceKey key;
        private List<IpFamily> families = List.of(IpFamily.IPV4);
        private IpFamilyPolicy policy = IpFamilyPolicy.SINGLE_STACK;
        private List<IpAddress> requested = List.of();
        private Optional<String> pool = Optional.empty();
        private Optional<String> sharing = Optional.empty();
        private String backend = "";
        private List<ServicePort> ports = List.of(ServicePort.tcp(80));
        private Map<String, String> labels = Map.of();
        private Map<String, String> nsLabels = Map.of();

        ReqBuilder(ServiceKey key) {
            this.key = key;
        }

        ReqBuilder v6() {
            families = List.of(IpFamily.IPV6);
            return this;
        }

        ReqBuilder dual(IpFamilyPolicy p) {
            families = List.of(IpFamily.IPV4, IpFamily.IPV6);
            policy = p;
            return this;
        }

        ReqBuilder ip(String... addresses) {
            requested = Arrays.stream(addresses).map(IpAddress::parse).toList();
            return this;
        }

        ReqBuilder pool(String name) {
            pool = Optional.of(name);
            return this;
        }

        ReqBuilder share(String key) {
            sharing = Optional.of(key);
            return this;
        }

        ReqBuilder backend(String key) {
            backend = key;
            return this;
        }

        ReqBuilder ports(ServicePort... p) {
            ports = List.of(p);
            return this;
        }

        ReqBuilder labels(Map<String, String> l) {
            labels = l;
            return this;
        }

        ReqBuilder nsLabels(Map<String, String> l) {
            nsLabels = l;
            return this;
        }

        AllocationRequest build() {
            return new AllocationRequest(key, families, policy, requested, pool, sharing, backend, ports, labels,
                    nsLabels);
        }
    }
}
