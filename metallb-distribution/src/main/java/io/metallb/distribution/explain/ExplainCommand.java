package io.metallb.distribution.explain;

import io.metallb.api.node.Node;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.AnnouncerProvider;
import io.metallb.api.spi.Assignment;
import io.metallb.distribution.standalone.Assignments;
import io.metallb.distribution.standalone.StandaloneInput;
import io.metallb.distribution.standalone.StateFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metallb explain SERVICE -f FILE}: why a Service has or has not got an address, and who announces it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explains why a Service of a standalone FILE has or has not got an address.",
                "Prints what it asks for, each pool in the order the allocator tries it and why it was taken or skipped (the "
                + "allocator's own reasons), the address, and whether this node announces it by each protocol "
                + "(which advertisements, which BGP peers, the layer 2 election).",
                "The assignments in FILE.state are restored first, as `metallb standalone` does, so a running "
                        + "standalone's assignment is the one explained. Nothing is written; no network is used."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the Service has an address and this node announces it",
                "1:FILE is invalid: one line per error",
                "2:usage error; FILE or its state file cannot be read; no such Service in FILE",
                "3:the Service has no address (the reason is printed)",
                "4:the Service has an address that no protocol announces from this node"})
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SERVICE", description = "NAMESPACE/NAME, or NAME in namespace default")
    String service;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "the standalone file (metallb.io objects and Services)")
    Path file;

    @Option(names = "--node", paramLabel = "NAME", description = "the node announcing (default: this host's name)")
    String node;

    @Option(names = "--node-label", paramLabel = "KEY=VALUE", description = "a label of the node (repeatable)")
    Map<String, String> nodeLabels = new LinkedHashMap<>();

    @Option(names = "--implementation", paramLabel = "PROTOCOL=PROVIDER",
            description = "as for standalone: PROTOCOL announced by the announcer of PROVIDER (repeatable)")
    Map<String, String> implementations = new LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StandaloneInput input;
        SortedMap<ServiceKey, Assignment> state;
        StateFile stateFile = StateFile.beside(file);
        try {
            input = StandaloneInput.read(file);
            state = stateFile.read();
        } catch (IOException e) {
            err.println("metallb explain: cannot read " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (!input.valid()) {
            input.allErrors().forEach(out::println);
            out.println(file + ": invalid, nothing to explain");
            return 1;
        }
        ServiceKey key = ServiceKey.parse(service);
        if (!input.services().containsKey(key)) {
            err.println("metallb explain: no Service " + key + " in " + file + " (Services: "
                    + String.join(", ", input.services().keySet().stream().map(ServiceKey::toString).toList()) + ")");
            return CommandLine.ExitCode.USAGE;
        }
        Set<String> protocols = new TreeSet<>();
        Set<String> providers = new TreeSet<>();
        ServiceLoader.load(AnnouncerProvider.class).stream().forEach(p -> providers.add(p.get().protocol()));
        for (String protocol : Set.of("layer2", "bgp")) {
            if (providers.contains(implementations.getOrDefault(protocol, protocol))) {
                protocols.add(protocol);
            }
        }
        Explanation e = Explanation.of(input, key, state, stateFile.exists() ? stateFile.path().toString()
                : stateFile.path() + " (absent: a first start)", new Assignments(Assignments.installedAllocator(),
                state), Node.of(node != null ? node : hostName(), nodeLabels), protocols);
        e.lines().forEach(out::println);
        out.flush();
        return e.exitCode();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
