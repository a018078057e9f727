package io.metallb.distribution.command;

import io.metallb.distribution.demo.DemoCommand;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code metallb} command: the entry point of the distribution. */
@Command(name = "metallb", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        description = "A load-balancer for bare-metal Kubernetes, compatible with MetalLB's CRDs.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (for validate: the config is valid)",
                "1:the config is invalid (every error is printed)",
                "2:usage error, or a file that cannot be read or is not YAML",
                "3:controller, speaker: could not start (see their --help)",
                "4:controller: left the leader election (lost the Lease)"})
public final class Metallb implements Runnable {
    /** Exit code of a refused config. */
    static final int INVALID = 1;
    /** Exit code of a usage error or an unreadable file (picocli's own code for usage errors). */
    static final int USAGE = CommandLine.ExitCode.USAGE;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * The subcommands, by name, in the order {@code --help} lists them. Built lazily: picocli reflects over every
     * option of a subcommand it is given, so a speaker that registered all of them spent about 0.2 s of CPU at
     * start building the models of commands it never runs.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("validate", ValidateCommand::new);
        m.put("convert", ConvertCommand::new);
        m.put("plugins", PluginsCommand::new);
        m.put("controller", ControllerCommand::new);
        m.put("speaker", SpeakerCommand::new);
        m.put("standalone", io.metallb.distribution.standalone.StandaloneCommand::new);
        m.put("explain", io.metallb.distribution.explain.ExplainCommand::new);
        m.put("demo", DemoCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return m;
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand (other than {@code help},
     * which describes the others), only that one is built; otherwise all are, so that {@code --help}, errors and
     * their suggestions are what picocli gives with every subcommand.
     */
    public static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Metallb());
        String first = args.length > 0 ? args[0] : "";
        if (SUBCOMMANDS.containsKey(first) && !first.equals("help")) {
            cl.addSubcommand(first, SUBCOMMANDS.get(first).get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        return cl;
    }

    /** Runs the command with {@code out} and {@code err} as its streams and returns its exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args).setOut(out).setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        // No subcommand: say what there is, as a usage error.
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a command");
    }
}
