package io.metallb.distribution.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetallbTest {

    @Test
    void versionIsTheFilteredProjectVersion() {
        CommandRun run = CommandRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).matches("metallb \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void helpDocumentsTheExitCodesOfEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"validate", "--help"}, {"convert", "--help"}}) {
            CommandRun run = CommandRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).contains("Exit codes:").containsPattern("(?m)^\\s+1\\s").containsPattern(
                    "(?m)^\\s+2\\s");
        }
    }

    @Test
    void noCommandOrAnUnknownOptionIsAUsageError() {
        assertThat(CommandRun.of().exitCode()).isEqualTo(2);
        CommandRun unknown = CommandRun.of("validate", "-f", "x.yaml", "--frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--frobnicate");
        assertThat(CommandRun.of("validate").exitCode()).as("-f is required").isEqualTo(2);
    }

    @Test
    void pluginsIsHiddenFromHelp() {
        assertThat(CommandRun.of("--help").out()).doesNotContain("plugins");
    }
}
