package io.metallb.distribution.command;

import io.metallb.api.config.ConfigError;
import io.metallb.api.config.ConfigParser;
import io.metallb.api.config.ConfigResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metallb validate -f FILE}: every error of a config, offline. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a config offline and prints every error, naming kind, object and field.",
                "FILE is a multi-document YAML of metallb.io objects (IPAddressPool, L2Advertisement, "
                        + "BGPAdvertisement, BGPPeer, Community, BFDProfile) and/or a legacy MetalLB ConfigMap "
                        + "(data.config); other objects, such as Services, are skipped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid (warnings may be printed)", "1:invalid: one line per error",
                "2:usage error, or FILE cannot be read or is not YAML"})
final class ValidateCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "the config to check")
    private Path file;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConfigFile input = ConfigFile.readOrReport(file, spec.commandLine().getErr(), "validate").orElse(null);
        if (input == null) {
            return Metallb.USAGE;
        }
        List<ConfigError> errors = new ArrayList<>(input.errors());
        List<String> warnings = new ArrayList<>();
        List<ConfigResult> results = new ArrayList<>();
        for (Map<String, ?> legacy : input.legacy().values()) {
            results.add(ConfigParser.parseLegacy(legacy));
        }
        if (input.legacy().isEmpty() || !input.objects().isEmpty()) {
            results.add(ConfigParser.parseObjects(input.objects()));
        }
        for (ConfigResult r : results) {
            if (r instanceof ConfigResult.Valid v) {
                warnings.addAll(v.warnings());
            } else {
                errors.addAll(((ConfigResult.Invalid) r).errors());
            }
        }
        errors.stream().sorted().distinct().forEach(out::println);
        warnings.forEach(w -> out.println("warning: " + w));
        if (!errors.isEmpty()) {
            out.println(file + ": invalid, " + errors.size() + (errors.size() == 1 ? " error" : " errors"));
            return Metallb.INVALID;
        }
        out.println(file + ": valid");
        return 0;
    }
}
