package io.metallb.distribution.command;

import static io.metallb.distribution.command.MetallbProcess.await;
import static io.metallb.distribution.command.MockCluster.NS;
import static io.metallb.distribution.command.MockCluster.apply;
import static io.metallb.distribution.command.MockCluster.object;
import static io.metallb.distribution.command.MockCluster.pool;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.metallb.distribution.Poll;
import io.metallb.distribution.health.HttpCall;
import io.metallb.distribution.manifests.Manifests;
import io.metallb.distribution.metrics.Exposition;
import io.metallb.k8s.KubernetesClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The speaker's start-to-ready time and resident memory, as {@code metallb speaker} runs in its own JVM against
 * fabric8's mock API server (through {@link StreamingApiServer}, as a real one is reached: HTTP/2, watches as
 * HTTP streams) with the {@code recording} announcer: wall time from process start to the first 200
 * on /readyz, VmRSS/VmHWM when ready with no services, and again once every LoadBalancer Service (IPv6 addresses
 * from 2001:db8::/112, status set, one ready endpoint on this node) is announced, as counted by the
 * {@code metallb_speaker_announced} series on /metrics. Prints one line per JVM configuration with the ratio to
 * the goals (1.5 s, 100 MiB); asserts only correctness (ready, every service announced, exit 0 after SIGTERM),
 * never a time or a size.
 *
 * <p>In {@code mvn verify}: {@value #SMALL} services with the default JVM. With {@code -Dmetallb.footprint=true}:
 * 1,000 services and the flag matrix of docs/benchmarks.md, with and without an AppCDS archive made by a training
 * run ({@code -XX:ArchiveClassesAtExit}), plus one run under native memory tracking that prints the breakdown;
 * the shipped configuration is the speaker DaemonSet's {@code JDK_JAVA_OPTIONS}. To try other flags,
 * {@code -Dmetallb.footprint.flags="FLAGS"} (optionally {@code -Dmetallb.footprint.appcds=true},
 * {@code -Dmetallb.footprint.nmt=true}) runs only that configuration. {@code -Dmetallb.footprint.heapDump=FILE}
 * writes the speaker's live heap to FILE once the services are announced; {@code
 * -Dmetallb.footprint.measuredFlags="FLAGS"} adds JVM options to the measured run only (a profiling agent, which
 * the training run's {@code -XX:ArchiveClassesAtExit} does not allow).
 */
@EnableKubernetesMockClient(crud = true)
class SpeakerFootprintIT {

    static final int SMALL = 20;
    static final boolean FULL = Boolean.getBoolean("metallb.footprint");
    static final int SERVICES = FULL ? 1000 : SMALL;
    static final double READY_GOAL_SECONDS = 1.5;
    /** -Dmetallb.footprint.asApplied=true: Services and EndpointSlices with the metadata a cluster's carry. */
    static final boolean AS_APPLIED = Boolean.getBoolean("metallb.footprint.asApplied");
    static final double RSS_GOAL_MIB = 100;

    /** Where {@link #quietApiServer} watches: nothing there changes afterwards. */
    static final String WARM_UP = "footprint-warm-up";

    /** The flags of the small configuration, documented in docs/benchmarks.md. */
    static final List<String> SMALL_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-XX:+UseSerialGC", "-Xmx64m", "-Xss256k", "-XX:ReservedCodeCacheSize=16m");

    /**
     * The image's runtime, with the application linked in (stage-rootfs.sh), when the build staged it (the
     * container-image profile, always under CI): the speaker runs as the image runs it. Otherwise, or with
     * {@code -Dmetallb.footprint.modulePath=true}, this JDK with target/lib as the module path.
     */
    static final Path RUNTIME = runtime();

    /** The flags the speaker DaemonSet sets (JDK_JAVA_OPTIONS), read from the manifest. */
    static final List<String> SHIPPED_FLAGS = FULL ? Manifests.speakerJavaOptions() : List.of();

    /** The mock server logs every request at INFO: thousands of lines in the full run, and time in this JVM. */
    private static final Logger MOCK_LOG = quiet(Logger.getLogger("io.fabric8.mockwebserver"));

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    /** The API server as the speaker reaches it: the mock behind TLS with HTTP/2, watches as HTTP streams. */
    StreamingApiServer front;

    @BeforeEach
    void front() {
        front = StreamingApiServer.of(server);
    }

    @AfterEach
    void closeFront() {
        front.close();
    }

    /** One JVM configuration: its flags, whether it runs with an AppCDS archive, whether under NMT. */
    record Configuration(String name, List<String> flags, boolean appCds, boolean nmt) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Configuration> configurations() {
        if (!FULL) {
            return Stream.of(new Configuration("default", List.of(), false, false));
        }
        String adHoc = System.getProperty("metallb.footprint.flags");
        if (adHoc != null) {
            List<String> flags = adHoc.isBlank() ? List.of() : List.of(adHoc.strip().split("\\s+"));
            return Stream.of(new Configuration("ad-hoc", flags, Boolean.getBoolean("metallb.footprint.appcds"),
                    Boolean.getBoolean("metallb.footprint.nmt")));
        }
        return Stream.of(
                new Configuration("default", List.of(), false, false),
                new Configuration("default+appcds", List.of(), true, false),
                new Configuration("c1", List.of("-XX:TieredStopAtLevel=1"), false, false),
                new Configuration("small", SMALL_FLAGS, false, false),
                new Configuration("small+appcds", SMALL_FLAGS, true, false),
                new Configuration("shipped", SHIPPED_FLAGS, false, false),
                new Configuration("shipped+appcds", SHIPPED_FLAGS, true, false),
                new Configuration("shipped+nmt", SHIPPED_FLAGS, false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void speakerGetsReadyAndAnnouncesEveryService(Configuration configuration) throws Exception {
        MockCluster.nodeWithReadySpeaker(client, "n1");
        apply(client, pool("v6", "2001:db8::/112"));
        apply(client, object("L2Advertisement", "l2", Map.of()));

        List<String> flags = new ArrayList<>(configuration.flags());
        if (configuration.appCds()) {
            Path archive = dir.resolve("speaker.jsa");
            train(flags, archive);
            flags.add("-XX:SharedArchiveFile=" + archive);
        }
        if (configuration.nmt()) {
            flags.add("-XX:NativeMemoryTracking=summary");
        }
        // Options for the measured run only, not the training run: a profiling agent, say.
        String measuredOnly = System.getProperty("metallb.footprint.measuredFlags", "");
        if (!measuredOnly.isBlank()) {
            flags.addAll(List.of(measuredOnly.strip().split("\\s+")));
        }

        quietApiServer(front);
        double apiServerCpu = cpuSeconds(ProcessHandle.current().pid());
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        try (MetallbProcess metallb = speaker(flags)) {
            awaitReady(metallb);
            double ready = (System.nanoTime() - start) / 1e9;
            apiServerCpu = cpuSeconds(ProcessHandle.current().pid()) - apiServerCpu;
            Memory idle = Memory.of(metallb.pid());
            if (configuration.nmt()) {
                // Against the figures at the end: what the services add, by category.
                System.out.println("when ready, " + nativeMemory(metallb.pid()));
            }
            double cpu = cpuSeconds(metallb.pid());
            if (Boolean.getBoolean("metallb.footprint.smaps")) {
                System.out.println("CPU to ready by thread: " + cpuByThread(metallb.pid()));
            }
            double firstLog = secondsToLog(metallb, startedAt, "speaker on node n1 starting");
            double cachesFilled = secondsToLog(metallb, startedAt, "speaker started on node n1");

            Set<String> ips = createServices("default", SERVICES, 1);
            long created = System.nanoTime();
            await(SERVICES + " services announced", () -> announced(metallb).size() == SERVICES);
            double announcing = (System.nanoTime() - created) / 1e9;
            double servicesCpu = cpuSeconds(metallb.pid()) - cpu;
            assertThat(announced(metallb)).isEqualTo(ips);
            Memory loaded = Memory.of(metallb.pid());

            System.out.printf("speaker footprint %-18s ready %.2f s (%.2f of the %.1f s goal; first log line %.2f s, "
                            + "caches filled %.2f s; %.2f s CPU, the API server's JVM %.2f s); RSS ready %.1f MiB "
                            + "(%.2f of %.0f MiB), HWM %.1f; %d services announced %.2f s after the last was "
                            + "created (%.2f s CPU since ready), RSS %.1f MiB (%.2f), HWM %.1f (%.2f); load %s; "
                            + "%s; flags %s%n",
                    configuration.name(), ready, ready / READY_GOAL_SECONDS, READY_GOAL_SECONDS, firstLog,
                    cachesFilled, cpu, apiServerCpu, idle.rssMib(),
                    idle.rssMib() / RSS_GOAL_MIB, RSS_GOAL_MIB, idle.hwmMib(), SERVICES, announcing, servicesCpu,
                    loaded.rssMib(), loaded.rssMib() / RSS_GOAL_MIB, loaded.hwmMib(), loaded.hwmMib() / RSS_GOAL_MIB,
                    loadAverage(), RUNTIME == null ? "module path" : "image runtime", flags);
            if (Boolean.getBoolean("metallb.footprint.settle")) {
                // The speaker has nothing to do once all are announced: what it keeps in the steady state, once the
                // threads its HTTP client and fabric8 grew for the burst have ended (idle for 5 s).
                long burst = System.nanoTime();
                MetallbProcess.await("the speaker's idle pool threads ended", () -> poolThreads(metallb.pid()) == 0);
                assertThat(announced(metallb)).isEqualTo(ips);
                Memory settled = Memory.of(metallb.pid());
                System.out.printf("speaker footprint %-18s settled %.1f s later, RSS %.1f MiB (%.2f)%n",
                        configuration.name(), (System.nanoTime() - burst) / 1e9, settled.rssMib(),
                        settled.rssMib() / RSS_GOAL_MIB);
            }
            if (configuration.nmt()) {
                System.out.println("with " + SERVICES + " services, " + nativeMemory(metallb.pid()));
            }
            if (Boolean.getBoolean("metallb.footprint.smaps")) {
                System.out.println(residentByMapping(metallb.pid()));
                System.out.printf("TCP connections to the API server: %d; it served %s%n",
                        connectionsTo(metallb.pid(), URI.create(front.url()).getPort()), front);
                List<String> histogram = jcmd(metallb.pid(), "GC.class_histogram").lines().toList();
                System.out.println(Stream.concat(histogram.stream().limit(Integer.getInteger(
                                "metallb.footprint.classes", 25)), histogram.stream().skip(histogram.size() - 1))
                        .collect(Collectors.joining("\n  ", "live heap by class:\n  ", "")));
                System.out.println(jcmd(metallb.pid(), "Thread.print").lines().filter(l -> l.startsWith("\""))
                        .map(l -> l.substring(1, l.indexOf('"', 1)).replaceAll("[0-9]+", "N"))
                        .collect(Collectors.groupingBy(n -> n, java.util.TreeMap::new, Collectors.counting()))
                        .toString());
            }
            String heapDump = System.getProperty("metallb.footprint.heapDump");
            if (heapDump != null) {
                System.out.println(jcmd(metallb.pid(), "GC.heap_dump", Path.of(heapDump).toAbsolutePath().toString())
                        .strip());
            }
            assertThat(metallb.stop()).as("exit code after SIGTERM").isZero();
        }
    }

    /**
     * The AppCDS training run: the speaker with {@code -XX:ArchiveClassesAtExit} announces a few services of a
     * namespace of their own, is stopped, and the services go again; the archive is written at exit.
     */
    private void train(List<String> flags, Path archive) throws Exception {
        List<String> training = new ArrayList<>(flags);
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        Set<String> ips = createServices("training", 3, 0xffff - 3);
        try (MetallbProcess metallb = speaker(training)) {
            await("the training services announced", () -> announced(metallb).equals(ips));
            assertThat(metallb.stop()).as("exit code of the training run").isZero();
        }
        client.services().inNamespace("training").delete();
        client.discovery().v1().endpointSlices().inNamespace("training").delete();
        await("the training services gone", () -> client.services().inNamespace("training").list().getItems()
                .isEmpty());
        assertThat(archive).as("AppCDS archive written at exit").isNotEmptyFile();
    }

    /**
     * {@code metallb speaker} configured as in a Pod (API server and token from the environment, no kubeconfig),
     * for node n1 with the recording announcer, JSON logs, an ephemeral metrics port.
     */
    private MetallbProcess speaker(List<String> jvmOptions) throws IOException {
        return MetallbProcess.start(RUNTIME, jvmOptions, List.of("metallb.testAnnouncer"),
                MockCluster.inClusterEnvironment(server, front), "speaker", "--namespace", NS, "--node-name", "n1",
                "--announcer", "layer2=recording", "--metrics-port", "0", "--host", "127.0.0.1", "--log-format",
                "json");
    }

    private static Path runtime() {
        Path staged = Path.of(System.getProperty("metallb.imageRuntime", "target/image-root/opt/metallb/runtime"));
        if (Boolean.getBoolean("metallb.footprint.modulePath")) {
            return null;
        }
        if ("true".equals(System.getenv("CI"))) {
            assertThat(staged.resolve("bin/java")).as("CI=true: the image's runtime, staged at package").exists();
        }
        return Files.isExecutable(staged.resolve("bin/java")) ? staged : null;
    }

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.WARNING);
        return logger;
    }

    /** Each thread's CPU seconds (utime + stime from /proc), summed by name with digits as N, largest first. */
    static String cpuByThread(long pid) {
        Map<String, Double> seconds = new java.util.HashMap<>();
        double tick = 100; // USER_HZ on Linux
        ticksByThread(Long.toString(pid)).forEach((thread, ticks) -> seconds.merge(
                thread.substring(thread.indexOf(' ') + 1).replaceAll("[0-9]+", "N"), ticks / tick, Double::sum));
        return seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0)
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    }

    /**
     * The CPU ticks (utime + stime, 1/100 s) of each thread of process {@code pid} ("self" for this one) by
     * thread ID and name, from /proc/PID/task/TID/stat; threads that end while read are left out.
     */
    static Map<String, Long> ticksByThread(String pid) {
        Map<String, Long> ticks = new java.util.HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    // utime and stime: fields 14 and 15 of stat, 12th and 13th after the name.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException e) {
                    // ended since the listing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    /**
     * The mock API server warm and its JVM (this one) quiet before a speaker is measured against it, as a
     * cluster's API server is warm and on CPUs of its own: rounds of what a starting speaker asks for first (a new
     * TLS connection through {@code front}, lists), then until this JVM's JIT compilers have been idle for half
     * a second. Cold, and compiling what the speaker's requests made hot, this JVM spent 1.6-1.9 s of CPU during
     * the speaker's 2 s start, on a machine of two CPUs.
     */
    static void quietApiServer(StreamingApiServer front) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(front.url()).withTrustCerts(true)
                .withOnlyHttpWatches(true).build();
        try (KubernetesClient c = KubernetesClients.client(config)) {
            for (int i = 0; i < 5; i++) {
                c.configMaps().inNamespace(WARM_UP).resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("warm-up-" + i).endMetadata().build()).createOr(NonDeletingOperation::update);
            }
        }
        for (int round = 0; round < Integer.getInteger("metallb.footprint.warmUp", 30); round++) {
            try (KubernetesClient c = KubernetesClients.client(config)) {
                c.services().inAnyNamespace().list();
                c.discovery().v1().endpointSlices().inAnyNamespace().list();
                c.nodes().list();
                c.pods().inAnyNamespace().list();
                c.secrets().inAnyNamespace().list();
                // A watch streamed through the front (its ADDED events for the objects there), then closed: only in
                // a namespace where nothing changes later, as the mock keeps writing a closed watch's events, which
                // blocks its event loop up to 30 s a write.
                CountDownLatch added = new CountDownLatch(5);
                try (Watch watch = c.configMaps().inNamespace(WARM_UP).watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap resource) {
                        added.countDown();
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                })) {
                    if (!added.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no events from the warm-up watch through " + front);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        long[] last = {compilerTicks()};
        int[] idle = {0};
        try {
            Poll.await("this JVM's JIT compilers idle", Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
                long now = compilerTicks();
                idle[0] = now - last[0] <= 1 ? idle[0] + 1 : 0;
                last[0] = now;
                return idle[0] >= 5;
            });
        } catch (AssertionError e) {
            System.out.println("measuring with this JVM's JIT compilers still busy after 30 s");
        }
    }

    /** CPU ticks (1/100 s) this JVM's JIT compiler threads have used. */
    private static long compilerTicks() {
        return ticksByThread("self").entrySet().stream()
                .filter(e -> e.getKey().matches("[0-9]+ C[12] CompilerThre.*")).mapToLong(Map.Entry::getValue).sum();
    }

    /** The CPU time (user and system) a process has used so far: on a shared machine, steadier than wall time. */
    static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid).orElseThrow().info().totalCpuDuration().orElseThrow().toMillis() / 1e3;
    }

    /** Seconds from {@code start} to the timestamp of the first log line containing {@code msgPart}. */
    private static double secondsToLog(MetallbProcess metallb, Instant start, String msgPart) {
        String ts = metallb.logs().stream().filter(l -> l.path("msg").asText().contains(msgPart)).findFirst()
                .orElseThrow(() -> new AssertionError("no log line " + msgPart + ": " + metallb.logs()))
                .path("ts").asText();
        return Duration.between(start, Instant.parse(ts)).toMillis() / 1e3;
    }

    /** Polls /readyz until its first 200, the time that is measured (to 20 ms). */
    static void awaitReady(MetallbProcess metallb) throws InterruptedException {
        // Every 20 ms: probes every 5 ms cost the speaker 5-6 % of its CPU to ready (its HTTP server answering
        // them), and this JVM as much, on a machine of two CPUs (docs/benchmarks.md, session 9).
        Poll.await("ready within 60 s", Duration.ofSeconds(60), Duration.ofMillis(20),
                () -> metallb.logged("serving /metrics") && metallb.get("/readyz").status() == 200);
    }

    /**
     * {@code count} LoadBalancer Services in {@code namespace} with 2001:db8::FIRST.. in their status and one ready
     * endpoint on n1 each; returns their addresses as the scrape writes them.
     */
    private Set<String> createServices(String namespace, int count, int first) {
        Set<String> ips = new TreeSet<>();
        for (int i = first; i < first + count; i++) {
            String ip = "2001:db8::" + Integer.toHexString(i);
            MockCluster.announcedService(client, namespace, "svc-" + i, ip, true, i, AS_APPLIED);
            ips.add(ip);
        }
        return ips;
    }

    /** The ip labels of the metallb_speaker_announced series now scraped. */
    private static Set<String> announced(MetallbProcess metallb) {
        HttpCall response = metallb.get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        return Exposition.parse(response.body()).samples("metallb_speaker_announced").stream()
                .map(s -> s.labels().get("ip")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** VmRSS and VmHWM of a process, from /proc/PID/status. */
    record Memory(long rssKib, long hwmKib) {
        static Memory of(long pid) {
            try {
                Map<String, Long> kib = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:") || l.startsWith("VmHWM:"))
                        .collect(Collectors.toMap(l -> l.substring(0, 5),
                                l -> Long.parseLong(l.substring(6).replace("kB", "").strip())));
                assertThat(kib).as("/proc/" + pid + "/status").containsKeys("VmRSS", "VmHWM");
                return new Memory(kib.get("VmRSS"), kib.get("VmHWM"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        double rssMib() {
            return rssKib / 1024.0;
        }

        double hwmMib() {
            return hwmKib / 1024.0;
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /**
     * Resident and private dirty KiB by mapping (file, or [heap], [stack], anonymous), largest first, from
     * /proc/PID/smaps.
     */
    static String residentByMapping(long pid) throws IOException {
        Map<String, long[]> kib = new java.util.HashMap<>();
        String mapping = "";
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] fields = line.split("\\s+", 6);
                mapping = fields.length == 6 ? fields[5] : "[anonymous]";
            } else if (line.startsWith("Rss:") || line.startsWith("Private_Dirty:")) {
                long value = Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").strip());
                kib.computeIfAbsent(mapping, m -> new long[2])[line.startsWith("Rss:") ? 0 : 1] += value;
            }
        }
        return kib.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(14)
                .map(e -> String.format("%8d KiB resident, %8d KiB private dirty: %s", e.getValue()[0],
                        e.getValue()[1], e.getKey()))
                .collect(Collectors.joining("\n  ", "resident by mapping:\n  ", ""));
    }

    /** How many threads of the clients' pools (KubernetesClients.cachedPool: http-client-N, fabric8-task-N) run. */
    static long poolThreads(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.map(t -> {
                try {
                    return Files.readString(t.resolve("comm")).strip();
                } catch (IOException e) {
                    return ""; // ended since the listing
                }
            }).filter(name -> name.startsWith("http-client-") || name.startsWith("fabric8-task-")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The established TCP connections of a process to a port, from its socket fds and /proc/PID/net/tcp{,6}. */
    private static long connectionsTo(long pid, int port) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> sockets;
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            sockets = fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return ""; // closed since the listing
                }
            }).filter(l -> l.startsWith("socket:[")).map(l -> l.substring(8, l.length() - 1))
                    .collect(Collectors.toSet());
        }
        String remotePort = String.format(":%04X", port);
        long count = 0;
        for (String table : List.of("tcp", "tcp6")) {
            count += Files.readAllLines(proc.resolve("net").resolve(table)).stream().skip(1)
                    .map(l -> l.strip().split("\\s+"))
                    .filter(f -> f[2].endsWith(remotePort) && f[3].equals("01") && sockets.contains(f[9]))
                    .count();
        }
        return count;
    }

    /** {@code jcmd PID COMMAND...}'s output (waited for, bounded). */
    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jcmd.exitValue()).as(out).isZero();
        return out;
    }

    /** {@code jcmd PID VM.native_memory summary}: the committed memory by category. */
    private static String nativeMemory(long pid) throws IOException, InterruptedException {
        String out = jcmd(pid, "VM.native_memory", "summary");
        return out.lines().filter(l -> l.startsWith("Total") || l.startsWith("-") || l.contains("(classes #")
                || l.contains("(thread #")).map(String::strip)
                .collect(Collectors.joining("\n  ", "native memory:\n  ", ""));
    }
}
