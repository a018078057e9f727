package io.metallb.allocator.walkthrough;

import io.metallb.api.config.Config;
import io.metallb.api.config.ConfigParser;
import io.metallb.api.config.ConfigResult;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServiceManifest;
import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.AllocatorProvider;
import io.metallb.api.spi.PoolUsage;
import io.metallb.api.spi.Reconciliation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The allocation walk-through: reads an example config and Service manifests, allocates, restarts the
 * controller from Service status, changes the config, and tries an invalid one, printing what happens at each
 * step. The allocator is found through {@link ServiceLoader}, as the Kubernetes controller finds it.
 */
public final class AllocationWalkthrough {

    private final PrintStream out;
    private Map<ServiceKey, Service> services = new TreeMap<>();

    private AllocationWalkthrough(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: AllocationWalkthrough FILE.yaml...");
            System.exit(2);
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        for (String a : args) {
            docs.addAll(load(Path.of(a)));
        }
        System.exit(new AllocationWalkthrough(System.out).run(docs));
    }

    static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                if (doc instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> tree = (Map<String, Object>) m;
                    docs.add(tree);
                }
            }
        }
        return docs;
    }

    int run(List<Map<String, Object>> docs) {
        Allocator allocator = newAllocator();
        ConfigResult parsed = ConfigParser.parseObjects(docs);
        if (parsed instanceof ConfigResult.Invalid invalid) {
            out.println("The config is invalid:\n" + invalid.describe());
            return 1;
        }
        Config config = ((ConfigResult.Valid) parsed).config();
        for (Map<String, Object> d : docs) {
            if (ServiceManifest.isService(d)) {
                Service s = ServiceManifest.read(d);
                services.put(s.key(), s);
            }
        }
        out.printf("Config: %d pools %s, %d L2Advertisements, %d BGPAdvertisements, %d BGPPeers%n",
                config.pools().size(), config.pools().keySet(), config.l2Advertisements().size(),
                config.bgpAdvertisements().size(), config.bgpPeers().size());
        allocator.setConfig(config);

        out.println("\n1. The controller assigns an address to each LoadBalancer service:");
        int writes = reconcileAll(allocator, true);
        usage(allocator);
        out.printf("   status writes: %d%n", writes);

        out.println("\n2. The controller restarts: a new allocator restores every address from Service status"
                + " before assigning anything, then reconciles again:");
        Allocator restarted = newAllocator();
        restarted.setConfig(config);
        services.values().stream().filter(s -> !s.ingress().isEmpty()).forEach(s -> restarted.reconcile(s,
                Map.of(), Optional.empty()));
        int rewrites = reconcileAll(restarted, false);
        out.printf("   status writes after restart: %d (every address kept)%n", rewrites);

        out.println("\n3. The config changes: pool \"team-a\" is deleted. Only its services move:");
        List<Map<String, Object>> without = docs.stream().filter(d -> !isPool(d, "team-a")).toList();
        Config smaller = ((ConfigResult.Valid) ConfigParser.parseObjects(without)).config();
        out.println("   released: " + restarted.setConfig(smaller));
        reconcileAll(restarted, true);

        out.println("\n4. An invalid edit is refused with every error; the last good config keeps running:");
        List<Map<String, Object>> broken = new ArrayList<>(without);
        broken.add(Map.of("apiVersion", "metallb.io/v1beta1", "kind", "IPAddressPool",
                "metadata", Map.of("name", "typo"), "spec", Map.of("addresses",
                        List.of("198.51.100.300/24", "198.51.100.8-198.51.100.2"))));
        ConfigResult refused = ConfigParser.parseObjects(broken);
        if (refused instanceof ConfigResult.Invalid invalid) {
            invalid.errors().forEach(e -> out.println("   " + e));
            out.println("   still running with pools " + restarted.config().pools().keySet());
        } else {
            out.println("   unexpectedly accepted");
            return 1;
        }
        return 0;
    }

    private static boolean isPool(Map<String, Object> doc, String name) {
        return "IPAddressPool".equals(doc.get("kind")) && doc.get("metadata") instanceof Map<?, ?> m
                && name.equals(m.get("name"));
    }

    /** Reconciles every service, applies the status writes, prints the table; returns the writes made. */
    private int reconcileAll(Allocator allocator, boolean print) {
        Map<String, Map<String, String>> nsLabels = new HashMap<>();
        int writes = 0;
        if (print) {
            out.printf("   %-10s %-8s %-13s %-28s %-11s %s%n", "NAMESPACE", "NAME", "TYPE", "EXTERNAL-IP",
                    "POOL", "NOTE");
        }
        for (Service s : List.copyOf(services.values())) {
            Reconciliation r = allocator.reconcile(s, nsLabels.getOrDefault(s.key().namespace(), Map.of()),
                    Optional.empty());
            String ip = "<pending>";
            String pool = "";
            String note = String.join("; ", r.warnings());
            if (r instanceof Reconciliation.Assigned a) {
                ip = a.assignment().ips().toString().replaceAll("[\\[\\] ]", "");
                pool = a.assignment().pool();
                if (a.changed()) {
                    writes++;
                    Map<String, String> ann = new TreeMap<>(s.annotations());
                    ann.put("metallb.io/ip-allocated-from-pool", pool);
                    services.put(s.key(), s.withIngress(a.assignment().ips()).withAnnotations(ann));
                }
            } else if (r instanceof Reconciliation.Failed f) {
                note = f.reason() + (note.isEmpty() ? "" : "; " + note);
            } else {
                ip = "<none>";
                note = ((Reconciliation.NotOurs) r).reason();
            }
            if (print) {
                out.printf("   %-10s %-8s %-13s %-28s %-11s %s%n", s.key().namespace(), s.key().name(),
                        s.type().wireName(), ip, pool, note);
            }
        }
        return writes;
    }

    private void usage(Allocator allocator) {
        out.printf("   %-11s %-18s %s%n", "POOL", "IPv4 used/total", "IPv6 used/total");
        for (PoolUsage u : allocator.usage()) {
            out.printf("   %-11s %-18s %s%n", u.pool(), u.v4InUse() + "/" + u.v4Total(),
                    u.v6InUse() + "/" + u.v6Total());
        }
    }

    private static Allocator newAllocator() {
        AllocatorProvider provider = ServiceLoader.load(AllocatorProvider.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no AllocatorProvider on the module path"));
        return provider.create();
    }
}
