package io.metallb.l2.internal.demo;

import io.metallb.api.config.Config;
import io.metallb.api.config.L2Advertisement;
import io.metallb.api.net.IpAddress;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.l2.Layer2AnnouncerProvider;
import io.metallb.api.node.L2Election;
import io.metallb.l2.internal.Layer2Announcer;
import io.metallb.l2.wire.EthernetFrameDecoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A one-node layer 2 speaker driven from the command line and stdin, for the namespace tests and for trying the
 * announcer by hand without Kubernetes:
 *
 * <pre>
 * java -p MODULE_PATH -m io.metallb.l2/io.metallb.l2.internal.demo.StandaloneSpeaker \
 *     --node n1 --live n1,n2,n3 --service default/a=198.51.100.50 [--service ...] \
 *     [--exclude 'excl.*'] [--reannounce-seconds 0] [--backend af-packet|pcap] [--priority realtime|normal]
 *     [--kernel-responder auto|off]
 * </pre>
 *
 * It elects an owner per address among the live nodes, announces what this node owns, and prints
 * {@code owned [..]}. Stdin lines: {@code live n1,n3} (new live set, re-elect), {@code counters}, {@code quit}.
 */
public final class StandaloneSpeaker {

    private StandaloneSpeaker() {
    }

    public static void main(String[] args) throws Exception {
        String node = null;
        Set<String> live = new TreeSet<>();
        Map<ServiceKey, IpAddress> services = new LinkedHashMap<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--node" -> node = v;
                case "--live" -> live = new TreeSet<>(List.of(v.split(",")));
                case "--service" -> services.put(ServiceKey.parse(v.substring(0, v.indexOf('='))),
                        IpAddress.parse(v.substring(v.indexOf('=') + 1)));
                case "--exclude" -> options.put("layer2.exclude-interfaces", v);
                case "--reannounce-seconds" -> options.put("layer2.reannounce-seconds", v);
                case "--backend" -> options.put(Layer2AnnouncerProvider.BACKEND_OPTION, v);
                case "--priority" -> options.put(Layer2AnnouncerProvider.PRIORITY_OPTION, v);
                case "--kernel-responder" -> options.put(io.metallb.l2.internal.Layer2Settings.KERNEL_RESPONDER_OPTION, v);
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        if (node == null) {
            throw new IllegalArgumentException("--node is required");
        }
        EthernetFrameDecoder.decode(new byte[64]); // warm up: the first reply otherwise pays for class loading
        Config config = Config.of(List.of(), List.of(new L2Advertisement("all", List.of(), List.of(), List.of(),
                List.of())), List.of(), List.of(), List.of(), List.of());
        try (Announcer announcer = new Layer2AnnouncerProvider().create(new AnnouncerContext(node, Map.of(), options))) {
            apply(announcer, config, node, live, services);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                if (line.startsWith("live ")) {
                    live = new TreeSet<>(List.of(line.substring(5).strip().split(",")));
                    apply(announcer, config, node, live, services);
                } else if (line.equals("counters") && announcer instanceof Layer2Announcer l2) {
                    System.out.println("counters " + l2.counters());
                }
            }
        }
        System.out.println("closed");
    }

    private static void apply(Announcer announcer, Config config, String node, Set<String> live,
            Map<ServiceKey, IpAddress> services) {
        Set<Announcement> mine = new java.util.HashSet<>();
        List<String> owned = new ArrayList<>();
        services.forEach((key, ip) -> {
            if (L2Election.owner(ip, live).filter(node::equals).isPresent()) {
                mine.add(new Announcement(key, ip, "pool", List.of("all")));
                owned.add(ip.toString());
            }
        });
        announcer.apply(config, mine);
        System.out.println("owned " + new TreeSet<>(owned) + " status " + announcer.status().values());
        System.out.flush();
    }
}
