package io.metallb.distribution.command;

import io.metallb.api.config.ConfigParser;
import io.metallb.api.config.ConfigResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metallb convert -f CONFIGMAP}: a legacy (v0.12) ConfigMap as metallb.io objects. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a legacy MetalLB ConfigMap (kind ConfigMap with data.config) to metallb.io "
                + "objects, printed on stdout as multi-document YAML with every default written out.",
                "Errors and warnings go to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:converted", "1:the ConfigMap's config is invalid: one line per error, nothing on stdout",
                "2:usage error, or FILE cannot be read, is not YAML or holds no single legacy ConfigMap"})
final class ConvertCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "CONFIGMAP",
            description = "YAML file holding one legacy ConfigMap")
    private Path file;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ConfigFile input = ConfigFile.readOrReport(file, err, "convert").orElse(null);
        if (input == null) {
            return Metallb.USAGE;
        }
        if (!input.errors().isEmpty()) {
            input.errors().forEach(err::println);
            return Metallb.INVALID;
        }
        if (input.legacy().size() != 1) {
            err.println("metallb convert: " + file + " holds " + input.legacy().size()
                    + " legacy ConfigMaps (expected: exactly one, kind ConfigMap with data.config)");
            return Metallb.USAGE;
        }
        Map<String, ?> tree = input.legacy().values().iterator().next();
        ConfigResult result = ConfigParser.parseLegacy(tree);
        if (result instanceof ConfigResult.Invalid invalid) {
            err.println(invalid.describe());
            return Metallb.INVALID;
        }
        ConfigResult.Valid valid = (ConfigResult.Valid) result;
        valid.warnings().forEach(w -> err.println("warning: " + w));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setExplicitStart(false);
        PrintWriter out = spec.commandLine().getOut();
        out.print(new Yaml(options).dumpAll(ConfigParser.toObjects(valid.config()).iterator()));
        out.flush();
        return 0;
    }
}
