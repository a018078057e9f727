package io.metallb.distribution.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metallb demo}: MetalLB in one process, no root, cluster or network needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs a whole MetalLB cluster in this process, needing no root, cluster or network: "
                + "an in-process Kubernetes API server (fabric8's mock, CRUD mode), the controller, speakers on "
                + "three simulated nodes (node-a, node-b, node-c) and a BGP router on 127.0.0.1. Applies "
                + "examples/demo (pools, an L2Advertisement, a BGPPeer and BGPAdvertisement, Services), waits "
                + "until every Service has its addresses and the router holds the expected routes, prints the "
                + "Services with their EXTERNAL-IP, pool and announcing node(s) and the routes the router "
                + "received, then shuts everything down.",
                "Layer 2 is recorded (answering ARP needs CAP_NET_RAW): the table shows the elected node; BGP "
                        + "runs for real, each node's sessions leaving from its own loopback address "
                        + "(127.0.0.11, .12, .13)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:converged; both tables printed", "1:did not converge in time; what is missing is printed",
                "2:usage error, or the examples cannot be read or are not a valid config"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--examples", paramLabel = "DIR",
            description = "a directory with config.yaml and services.yaml to apply instead of the built-in "
                    + "examples/demo; every BGPPeer is pointed at the in-process router (127.0.0.1)")
    private Path examples;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "how long to wait for convergence (default: ${DEFAULT-VALUE})")
    private long timeoutSeconds;

    @Option(names = {"-v", "--verbose"}, description = "also print the components' INFO logs")
    private boolean verbose;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout: " + timeoutSeconds
                    + " (expected: at least 1)");
        }
        if (!DemoModules.present()) {
            // The mock API server's modules are kept off the module path of the controller and speaker.
            Optional<Path> demoLib = DemoModules.directory();
            if (demoLib.isEmpty()) {
                spec.commandLine().getErr().println("metallb demo: the mock API server's modules are not on the "
                        + "module path and no demo-lib directory was found beside the distribution's jar; run with "
                        + "--module-path LIB:DEMO-LIB --add-modules ALL-MODULE-PATH, or -Dmetallb.demo.lib=DIR");
                return 2;
            }
            return DemoModules.relaunch(demoLib.get());
        }
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        if (!verbose) {
            root.setLevel(Level.WARNING); // the components log every step at INFO: the tables say it all
        }
        try {
            return Demo.run(new Demo.Options(Optional.ofNullable(examples), Duration.ofSeconds(timeoutSeconds)),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        } finally {
            root.setLevel(before);
        }
    }
}
