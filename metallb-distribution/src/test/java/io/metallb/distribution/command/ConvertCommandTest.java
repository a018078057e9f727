package io.metallb.distribution.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.ConfigParser;
import io.metallb.api.config.ConfigResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class ConvertCommandTest {
    private static final Path LEGACY = Path.of("src/test/resources/convert/legacy-configmap.yaml");

    @Test
    void aTutorialConfigMapConvertsToObjectsThatValidateToTheSameConfig(@TempDir Path dir) throws IOException {
        CommandRun convert = CommandRun.of("convert", "-f", LEGACY.toString());
        assertThat(convert.exitCode()).as(convert.err()).isZero();
        assertThat(convert.out()).contains("kind: IPAddressPool", "kind: BGPPeer", "kind: BGPAdvertisement",
                "kind: L2Advertisement", "kind: Community");

        Path converted = dir.resolve("converted.yaml");
        Files.writeString(converted, convert.out());
        CommandRun validate = CommandRun.of("validate", "-f", converted.toString());
        assertThat(validate.exitCode()).as(validate.out()).isZero();

        ConfigFile legacy = ConfigFile.read(LEGACY);
        ConfigResult fromLegacy = ConfigParser.parseLegacy(legacy.legacy().values().iterator().next());
        ConfigResult fromObjects = ConfigParser.parseObjects(documents(convert.out()));
        assertThat(fromObjects).isInstanceOf(ConfigResult.Valid.class);
        assertThat(((ConfigResult.Valid) fromObjects).config())
                .isEqualTo(((ConfigResult.Valid) fromLegacy).config());
    }

    @Test
    void anInvalidConfigMapPrintsItsErrorsAndNoYaml() {
        CommandRun run = CommandRun.of("convert", "-f", "src/test/resources/validate/legacy-bad-pool.yaml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("address-pools[0].protocol: \"layer3\" (expected: layer2 or bgp)");
    }

    @Test
    void aFileWithoutALegacyConfigMapIsAUsageError() {
        CommandRun run = CommandRun.of("convert", "-f", "../examples/config.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("0 legacy ConfigMaps");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, ?>> documents(String yaml) {
        List<Map<String, ?>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            docs.add((Map<String, ?>) doc);
        }
        return docs;
    }
}
