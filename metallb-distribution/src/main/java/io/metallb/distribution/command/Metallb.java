package io.metallb.distribution.command;

import io.metallb.distribution.demo.DemoCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code metallb} command: the entry point of the distribution. */
@Command(name = "metallb", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        description = "A load-balancer for bare-metal Kubernetes, compatible with MetalLB's CRDs.",
        subcommands = {ValidateCommand.class, ConvertCommand.class, PluginsCommand.class, ControllerCommand.class,
                SpeakerCommand.class, io.metallb.distribution.standalone.StandaloneCommand.class,
                io.metallb.distribution.explain.ExplainCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class},
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

    /** Runs the command with {@code out} and {@code err} as its streams and returns its exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Metallb()).setOut(out).setErr(err);
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
