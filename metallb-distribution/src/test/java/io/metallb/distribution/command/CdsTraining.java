package io.metallb.distribution.command;

import static io.metallb.distribution.command.MockCluster.NS;
import static io.metallb.distribution.command.MockCluster.announcedService;
import static io.metallb.distribution.command.MockCluster.apply;
import static io.metallb.distribution.command.MockCluster.object;
import static io.metallb.distribution.command.MockCluster.pool;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.metallb.distribution.manifests.Manifests;
import io.metallb.distribution.metrics.Exposition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The training run behind the image's AppCDS archive (src/main/image/train-cds.sh runs it, as root, inside a
 * network namespace of its own that holds only loopback and a veth pair): fabric8's mock API server on 127.0.0.1
 * with a pool, an L2Advertisement, a BGPPeer and BGPAdvertisement, and Services with addresses and endpoints on
 * this node; then
 * {@code metallb speaker} exactly as the image runs it (the image's runtime and paths, through {@code chroot} of
 * the staged file system, /proc, /sys and /dev mounted as a container runtime does, with the DaemonSet's JVM
 * options) and {@code -XX:ArchiveClassesAtExit}. Once every Service is announced it is stopped with SIGTERM, and
 * writes the archive as it exits.
 *
 * <p>Nothing leaves the namespace: the layer 2 announcer answers on the veth pair train-cds.sh makes there (both
 * ends inside, 198.51.100.254/24), and the BGP peer's address (203.0.113.1) has no route.
 *
 * <p>Arguments: ROOT (the staged file system, whose runtime holds the application), ARCHIVE (its path inside
 * ROOT), and optionally N: then the speaker is measured as the image runs it, with and without the archive, with
 * N more Services ({@link #measure}).
 */
public final class CdsTraining {

    private static final int SERVICES = 6;

    /** Held: a logger only weakly referenced loses its level. The mock server and this client log per request. */
    private static final Logger FABRIC8_LOG = Logger.getLogger("io.fabric8");

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 3) {
            throw new IllegalArgumentException("usage: CdsTraining ROOT ARCHIVE [SERVICES-TO-MEASURE]");
        }
        Path root = Path.of(args[0]);
        String archive = args[1];
        int measure = args.length == 3 ? Integer.parseInt(args[2]) : 0;
        FABRIC8_LOG.setLevel(Level.SEVERE);
        // CRUD mode, over TLS as an API server is.
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), true);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        // Reached as an API server is: HTTP/2, watches as HTTP streams.
        try (KubernetesClient client = server.createClient();
                StreamingApiServer front = StreamingApiServer.of(server)) {
            cluster(client);
            // CDS_MEASURE_ONLY=true: measure with the archive a training run left in ROOT before.
            if (!Boolean.parseBoolean(System.getenv("CDS_MEASURE_ONLY"))) {
                try (MetallbProcess speaker = speaker(root, server, front,
                        List.of("-XX:ArchiveClassesAtExit=" + archive))) {
                    awaitAnnounced(speaker, SERVICES);
                    int exit = speaker.stop();
                    if (exit != 0) {
                        throw new IllegalStateException("the training speaker exited with " + exit);
                    }
                }
            }
            Path written = root.resolve(archive.substring(1));
            if (!Files.isRegularFile(written) || Files.size(written) == 0) {
                throw new IllegalStateException("no archive written at " + written);
            }
            System.out.println("AppCDS archive " + archive + ": " + Files.size(written) / 1024 + " KiB");
            if (measure > 0) {
                measure(root, server, front, client, archive, measure);
            }
        } finally {
            server.destroy();
        }
    }

    /**
     * The speaker as the image runs it, with and without the archive, against the same cluster: wall and CPU time
     * to the first 200 on /readyz, RSS then, and RSS once {@code services} more Services are announced (by BGP, in
     * 2001:db8::/112; deleted again after each run). The figures of docs/benchmarks.md's "in the image" rows.
     * With CDS_MEASURE_ARCHIVE_ONLY=true in the environment only with the archive; with CDS_MEASURE_DETAIL=true
     * also where the memory is ({@link #detail}).
     */
    private static void measure(Path root, KubernetesMockServer server, StreamingApiServer front,
            KubernetesClient client, String archive, int services) throws Exception {
        String withArchive = "-XX:SharedArchiveFile=" + archive;
        List<String> options = Boolean.parseBoolean(System.getenv("CDS_MEASURE_ARCHIVE_ONLY"))
                ? List.of(withArchive) : List.of(withArchive, "-Xshare:auto");
        // CDS_MEASURE_OPTIONS: JVM options of the measured speaker's, after the DaemonSet's (ad-hoc comparisons).
        String extra = System.getenv().getOrDefault("CDS_MEASURE_OPTIONS", "").strip();
        for (String option : options) {
            List<String> jvm = new ArrayList<>(List.of(option));
            if (!extra.isEmpty()) {
                jvm.addAll(List.of(extra.split("\\s+")));
            }
            SpeakerFootprintIT.quietApiServer(front);
            long start = System.nanoTime();
            Instant startedAt = Instant.now();
            double apiServerCpu = SpeakerFootprintIT.cpuSeconds(ProcessHandle.current().pid());
            try (MetallbProcess speaker = speaker(root, server, front, jvm)) {
                SpeakerFootprintIT.awaitReady(speaker);
                double ready = (System.nanoTime() - start) / 1e9;
                apiServerCpu = SpeakerFootprintIT.cpuSeconds(ProcessHandle.current().pid()) - apiServerCpu;
                if (Boolean.parseBoolean(System.getenv("CDS_MEASURE_DETAIL"))) {
                    System.out.println("CPU to ready by thread: " + SpeakerFootprintIT.cpuByThread(speaker.pid()));
                    // The log to ready, each line at its seconds since the start.
                    speaker.logs().forEach(l -> System.out.printf("%6.3f %s%n", Duration.between(startedAt,
                            Instant.parse(l.path("ts").asText())).toMillis() / 1e3,
                            l.path("msg").asText().lines().findFirst().orElse("")));
                }
                double cpu = SpeakerFootprintIT.cpuSeconds(speaker.pid());
                SpeakerFootprintIT.Memory idle = SpeakerFootprintIT.Memory.of(speaker.pid());
                awaitAnnounced(speaker, SERVICES);
                for (int i = 0; i < services; i++) {
                    announcedService(client, "measured", "svc-" + i, "2001:db8::" + Integer.toHexString(0x1000 + i),
                            true, i);
                }
                awaitAnnounced(speaker, SERVICES + services);
                SpeakerFootprintIT.Memory loaded = SpeakerFootprintIT.Memory.of(speaker.pid());
                if (Boolean.parseBoolean(System.getenv("CDS_MEASURE_DETAIL"))) {
                    detail(speaker.pid());
                }
                // The steady state with those services: once the pool threads grown for the burst have ended.
                long burst = System.nanoTime();
                MetallbProcess.await("the speaker's idle pool threads ended",
                        () -> SpeakerFootprintIT.poolThreads(speaker.pid()) == 0);
                SpeakerFootprintIT.Memory settled = SpeakerFootprintIT.Memory.of(speaker.pid());
                System.out.printf("image speaker footprint %-28s ready %.2f s (%.2f of the 1.5 s goal; %.2f s CPU, "
                        + "the API server's JVM %.2f s); RSS ready %.1f MiB (%.2f of 100 MiB); %d services "
                        + "announced, RSS %.1f MiB (%.2f), settled %.1f s later %.1f MiB (%.2f); load %s%n", option,
                        ready, ready / 1.5, cpu, apiServerCpu, idle.rssMib(), idle.rssMib() / 100,
                        SERVICES + services, loaded.rssMib(), loaded.rssMib() / 100,
                        (System.nanoTime() - burst) / 1e9, settled.rssMib(), settled.rssMib() / 100,
                        Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
                if (speaker.stop() != 0) {
                    throw new IllegalStateException("the measured speaker did not exit 0");
                }
            }
            client.services().inNamespace("measured").delete();
            client.discovery().v1().endpointSlices().inNamespace("measured").delete();
            MetallbProcess.await("the measured services gone", () -> client.services().inNamespace("measured")
                    .list().getItems().isEmpty());
        }
    }

    /**
     * Where the memory is (CDS_MEASURE_DETAIL=true): RSS by mapping, the largest anonymous mappings one by one (the
     * heap, the code cache, Metaspace and malloc arenas are each one reservation), and the threads by name.
     */
    private static void detail(long pid) throws IOException {
        System.out.println(SpeakerFootprintIT.residentByMapping(pid));
        List<String> anonymous = new ArrayList<>();
        String range = null;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] fields = line.split("\\s+", 6);
                range = fields.length == 6 && !fields[5].isBlank() ? null : fields[0];
            } else if (range != null && line.startsWith("Rss:")) {
                long kib = Long.parseLong(line.substring(4).replace("kB", "").strip());
                String[] ends = range.split("-");
                long size = (Long.parseUnsignedLong(ends[1], 16) - Long.parseUnsignedLong(ends[0], 16)) / 1024;
                anonymous.add(String.format("%8d KiB resident of %8d KiB at %s", kib, size, ends[0]));
            }
        }
        anonymous.sort(java.util.Comparator.reverseOrder());
        System.out.println(anonymous.stream().limit(16).collect(Collectors.joining("\n  ",
                "largest anonymous mappings:\n  ", "")));
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            System.out.println(tasks.map(t -> {
                try {
                    return Files.readString(t.resolve("comm")).strip().replaceAll("[0-9]+", "N");
                } catch (IOException e) {
                    return "(ended)";
                }
            }).collect(Collectors.groupingBy(n -> n, java.util.TreeMap::new, Collectors.counting())).toString());
        }
    }

    /**
     * {@code metallb speaker} as the image's entrypoint runs it (its runtime, the application linked in, through chroot
     * of ROOT with /proc and /sys mounted in a mount namespace of its own), with the DaemonSet's JVM options and
     * {@code options}, configured as in a Pod.
     */
    private static MetallbProcess speaker(Path root, KubernetesMockServer server, StreamingApiServer front,
            List<String> options)
            throws IOException {
        List<String> java = new ArrayList<>(List.of("-XX:+ExitOnOutOfMemoryError"));
        java.addAll(Manifests.speakerJavaOptions());
        java.addAll(options);
        java.addAll(List.of("-Dmetallb.demo.lib=/opt/metallb/app/demo-lib", "-m",
                "io.metallb.distribution", "speaker", "--namespace", NS, "--node-name", "n1", "--metrics-port", "0",
                "--host", "127.0.0.1", "--log-format", "json"));
        ProcessBuilder pb = new ProcessBuilder(chrooted(root, java)).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(serviceAccount(root, server, front));
        return MetallbProcess.of(pb.start());
    }

    /**
     * The command running the image's {@code java} with {@code arguments} in ROOT as a container runtime would:
     * chroot, with /proc, /sys and /dev mounted in a mount namespace of its own.
     */
    private static List<String> chrooted(Path root, List<String> arguments) {
        // /dev too: without /dev/urandom the JVM seeds SecureRandom by spinning threads, seconds of CPU.
        String mounts = "mount -t proc proc \"$0/proc\" && mount -t sysfs sysfs \"$0/sys\" && mount --rbind /dev "
                + "\"$0/dev\" && exec chroot \"$0\" \"$@\"";
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "sh", "-c", mounts, root.toString(),
                "/opt/metallb/runtime/bin/java"));
        command.addAll(arguments);
        return command;
    }

    /**
     * A Pod's service account in the training root: its token and the cluster's CA certificate (the mock server's)
     * where the kubelet mounts them, and the environment the kubelet sets, so that fabric8 configures itself from
     * them as in a Pod. Nothing is written through a symbolic link, so nothing outside the training root.
     */
    private static Map<String, String> serviceAccount(Path root, KubernetesMockServer server, StreamingApiServer front)
            throws IOException {
        Path account = root;
        for (String directory : List.of("var", "run", "secrets", "kubernetes.io", "serviceaccount")) {
            account = account.resolve(directory);
            if (Files.isSymbolicLink(account)) {
                throw new IllegalStateException(account + " is a symbolic link: the service account is written "
                        + "only inside the training root");
            }
        }
        Files.createDirectories(account);
        Files.writeString(account.resolve("token"), "not-checked");
        Files.writeString(account.resolve("namespace"), NS);
        Files.copy(Path.of(server.getSelfSignedCertificate().certificatePath()), account.resolve("ca.crt"),
                StandardCopyOption.REPLACE_EXISTING);
        // The staged file system has no /etc/hosts: the address, not "localhost".
        return Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT",
                Integer.toString(URI.create(front.url()).getPort()), "KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    }

    private static void awaitAnnounced(MetallbProcess speaker, int count) {
        try {
            MetallbProcess.await(count + " services announced", () -> announced(speaker) == count);
        } catch (AssertionError e) {
            System.err.println(speaker.get("/metrics").body());
            speaker.logs().forEach(System.err::println);
            throw e;
        }
    }

    private static void cluster(KubernetesClient client) {
        MockCluster.nodeWithReadySpeaker(client, "n1");
        apply(client, pool("v4", "198.51.100.0/28"));
        apply(client, pool("v6", "2001:db8::/112"));
        apply(client, object("L2Advertisement", "l2", Map.of("ipAddressPools", List.of("v4"))));
        apply(client, object("BGPPeer", "router", Map.of("myASN", 64512, "peerASN", 64513,
                "peerAddress", "203.0.113.1")));
        apply(client, object("BGPAdvertisement", "bgp", Map.of("ipAddressPools", List.of("v6"))));
        for (int i = 1; i <= SERVICES; i++) {
            boolean v6 = i % 2 == 0;
            announcedService(client, "default", "svc-" + i, v6 ? "2001:db8::" + i : "198.51.100." + i, v6, i);
        }
    }

    /** How many addresses the speaker's metrics say it announces, by any protocol. */
    private static int announced(MetallbProcess speaker) {
        return (int) Exposition.parse(speaker.get("/metrics").body()).samples("metallb_speaker_announced").stream()
                .map(s -> s.labels().get("ip")).distinct().count();
    }
}
