package io.metallb.distribution.standalone;

import io.metallb.api.spi.AnnouncerProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import io.metallb.distribution.health.OperationsServer;
import io.metallb.distribution.metrics.MetalLbMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metallb standalone -f FILE --node NAME}: allocation and this host's speaker, without Kubernetes. */
@Command(name = "standalone", mixinStandardHelpOptions = true,
        description = {"Runs MetalLB on a host without Kubernetes, from a watched YAML FILE.",
                "Allocates addresses to the Services of FILE and announces them from this host with the announcers "
                        + "on the module path (layer2, bgp, or a plugin's protocol).",
                "FILE is a multi-document YAML of metallb.io objects (IPAddressPool, L2Advertisement, "
                        + "BGPAdvertisement, BGPPeer, Community, BFDProfile), v1 Services of type LoadBalancer "
                        + "(metallb.io/* and metallb.universe.tf/* annotations and spec.loadBalancerIP honoured) "
                        + "and, optionally, v1 Namespaces whose labels namespaceSelectors match.",
                "FILE is watched: a valid edit is applied, an invalid one reported (object and field) while the "
                        + "last good one keeps running. Assignments are kept in FILE.state, so a restart keeps "
                        + "every address. The host is taken to serve every Service itself (one ready endpoint on "
                        + "NAME), so externalTrafficPolicy Local and Cluster announce alike; advertisements' "
                        + "nodeSelectors match the --node-label labels.",
                "SIGTERM or SIGINT withdraws every announcement, then the process exits."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by a signal after withdrawing (the JVM reports 143 for SIGTERM, 130 for SIGINT)",
                "1:FILE is invalid at start: one line per error, nothing runs",
                "2:usage error, or FILE or its state file cannot be read, or the metrics port cannot be bound"})
public final class StandaloneCommand implements Callable<Integer> {

    static final int INVALID = 1;
    static final int USAGE = CommandLine.ExitCode.USAGE;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "the config and Services")
    Path file;

    @Option(names = "--node", required = true, paramLabel = "NAME", description = "this host's node name")
    String node;

    @Option(names = "--node-label", paramLabel = "KEY=VALUE",
            description = "a label of this node, for nodeSelectors (repeatable)")
    Map<String, String> nodeLabels = new LinkedHashMap<>();

    @Option(names = "--implementation", paramLabel = "PROTOCOL=PROVIDER",
            description = "announce PROTOCOL with the announcer of PROVIDER, e.g. layer2=example (repeatable)")
    Map<String, String> implementations = new LinkedHashMap<>();

    @Option(names = "--announcer-option", paramLabel = "KEY=VALUE",
            description = "an option for the announcers, e.g. layer2.exclude-interfaces=docker0 (repeatable)")
    Map<String, String> announcerOptions = new LinkedHashMap<>();

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "PT1S",
            description = "how often FILE is checked for changes, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration pollInterval;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "serve MetalLB's Prometheus metrics, /healthz and /readyz on this port (0: any free one, "
                    + "logged); default: not served")
    Integer metricsPort;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "address the metrics port binds (default: ${DEFAULT-VALUE})")
    String host;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--poll-interval: " + pollInterval
                    + " (expected: positive)");
        }
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metallb-standalone");
            t.setDaemon(true);
            return t;
        });
        MetalLbMetrics metrics = new MetalLbMetrics();
        StandaloneRunner runner = new StandaloneRunner(
                new StandaloneRunner.Options(file, node, nodeLabels, implementations, announcerOptions),
                Assignments.installedAllocator(), ServiceLoader.load(AnnouncerProvider.class),
                line -> log(out, line), metrics);
        StandaloneRunner.Start start = call(loop, runner::start);
        if (start != StandaloneRunner.Start.RUNNING) {
            loop.shutdown();
            return start == StandaloneRunner.Start.INVALID ? INVALID : USAGE;
        }
        OperationsServer operations = null;
        if (metricsPort != null) {
            try {
                // Ready once the first reading is applied, which is the case from here on.
                operations = OperationsServer.start(new InetSocketAddress(host, metricsPort), metrics, () -> true);
            } catch (IOException e) {
                log(out, "error: cannot serve metrics on " + host + ":" + metricsPort + ": " + e);
                call(loop, () -> {
                    runner.close();
                    return null;
                });
                loop.shutdown();
                return USAGE;
            }
        }
        OperationsServer served = operations; // it logs where it serves
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log(out, "stopping: withdrawing every announcement");
            call(loop, () -> {
                runner.close();
                return null;
            });
            loop.shutdown();
            if (served != null) {
                served.close();
            }
            log(out, "stopped");
            stopped.countDown();
        }, "metallb-standalone-stop"));
        long every = pollInterval.toMillis();
        loop.scheduleWithFixedDelay(() -> {
            try {
                runner.poll();
            } catch (RuntimeException e) {
                log(out, "error: " + e); // a defect in one round must not stop the loop
            }
        }, every, every, TimeUnit.MILLISECONDS);
        stopped.await();
        return 0;
    }

    /** Runs {@code task} on the loop thread (announcers are used from one thread only) and waits for it. */
    private static <T> T call(ScheduledExecutorService loop, Callable<T> task) {
        try {
            return loop.submit(task).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the standalone loop did not answer within 60 s", e);
        }
    }

    private static void log(PrintWriter out, String line) {
        synchronized (out) {
            out.println(Instant.now() + " " + line);
            out.flush();
        }
    }
}
