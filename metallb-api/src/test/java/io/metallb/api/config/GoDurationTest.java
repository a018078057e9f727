package io.metallb.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"90s, 90000", "1m30s, 90000", "1.5h, 5400000", "500ms, 500", "0, 0", "+3s, 3000", ".5s, 500",
            "1h0m0s, 3600000", "2000us, 2", "3000000ns, 3"})
    void parsesGoSyntax(String text, long millis) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "90", "s", "1x", "1..5s", "-", "1s ", "99999999999h"})
    void refusesOtherText(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({"90000, 1m30s", "1500, 1.5s", "500, 500ms", "0, 0s", "3600000, 1h0m0s", "5400500, 1h30m0.5s"})
    void formatsAsGoDoes(long millis, String text) {
        assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
