package io.metallb.distribution.command;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.metallb.distribution.health.OperationsServer;
import io.metallb.distribution.metrics.MetalLbMetrics;
import io.metallb.k8s.KubernetesController;
import io.metallb.k8s.LeaderElectedController;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code metallb controller}: gives LoadBalancer Services their addresses. Every replica joins the leader
 * election on the Lease {@code metallb-controller}; the leader runs the controller.
 */
@Command(name = "controller", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the controller: assigns addresses to LoadBalancer Services from the IPAddressPools. "
                + "Replicas elect a leader on the Lease metallb-controller; only the leader assigns.",
                "/readyz is 200 on a standby, and on the leader once its caches are filled and a valid config "
                        + "is loaded."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:stopped by SIGTERM or SIGINT (the Lease is released for a standby)",
                "2:usage error",
                "3:could not start (no usable Kubernetes config, metrics port not bindable)",
                "4:left the leader election (lost the Lease): restart to rejoin"})
final class ControllerCommand implements Callable<Integer> {

    private static final System.Logger LOG = System.getLogger(ControllerCommand.class.getName());
    private static final long CLOSE_TIMEOUT_SECONDS = 15;

    @Mixin
    KubernetesOptions kubernetes;

    @Mixin
    OperationsOptions operations;

    @Option(names = "--pod-name", paramLabel = "NAME", defaultValue = "${env:METALLB_POD_NAME:-}",
            description = "This replica's identity in the leader election (env METALLB_POD_NAME; default: the "
                    + "host name).")
    String podName;

    @Override
    public Integer call() {
        operations.configureLogging();
        Termination termination = Termination.onSignals();
        MetalLbMetrics metrics = new MetalLbMetrics();
        String identity = podName == null || podName.isBlank() ? hostName() : podName;
        try (KubernetesClient client = kubernetes.client()) {
            LeaderElectedController controller = new LeaderElectedController(client,
                    new KubernetesController.Options(kubernetes.namespace, kubernetes.loadBalancerClass()),
                    identity, LeaderElectedController.Timings.DEFAULT, metrics);
            try (OperationsServer http = OperationsServer.start(operations.metricsAddress(), metrics,
                    controller::isReady)) {
                LOG.log(Level.INFO, "controller " + identity + " starting: namespace " + kubernetes.namespace
                        + ", lb-class " + kubernetes.loadBalancerClass().orElse("(none)") + ", API server "
                        + client.getMasterUrl());
                controller.start();
                CompletableFuture.anyOf(termination.signalled(), controller.left()).join();
                if (termination.signalled().isDone()) {
                    LOG.log(Level.INFO, termination.signalled().join() + ": leaving the election");
                    close(controller);
                    LOG.log(Level.INFO, "controller stopped");
                    return RunExit.STOPPED;
                }
                close(controller);
                LOG.log(Level.ERROR, "left the leader election (the Lease was lost): exiting so this replica is "
                        + "restarted and rejoins");
                return RunExit.LEFT_ELECTION;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "controller could not start: " + e, e);
            return RunExit.START_FAILED;
        }
    }

    /**
     * Leaves the election, waiting at most {@link #CLOSE_TIMEOUT_SECONDS}: fabric8's elector holds its lock
     * through a Lease request, which against an unreachable API server retries for a long time. Past the bound
     * the process exits anyway; a standby takes over once the Lease expires.
     */
    private static void close(LeaderElectedController controller) {
        try {
            CompletableFuture.runAsync(controller::close).get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "the Lease was not released within " + CLOSE_TIMEOUT_SECONDS
                    + " s (API server unreachable?); exiting, a standby takes over when it expires");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "leaving the election failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "metallb-controller";
        }
    }
}
