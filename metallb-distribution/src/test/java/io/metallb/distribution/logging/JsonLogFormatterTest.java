package io.metallb.distribution.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

    @AfterEach
    void resetLogging() {
        LogManager.getLogManager().reset();
    }

    @Test
    void oneObjectPerLineWithEscapingAndTheError() throws Exception {
        LogRecord r = new LogRecord(Level.WARNING, "pool \"prod\":\n\tfull");
        r.setLoggerName("io.metallb.k8s.KubernetesController");
        r.setInstant(Instant.parse("2026-11-22T04:30:00.123456Z"));
        r.setThrown(new IllegalStateException("boom"));
        String line = new JsonLogFormatter().format(r);
        assertThat(line).endsWith("\n");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("ts").asText()).isEqualTo("2026-11-22T04:30:00.123Z");
        assertThat(json.path("level").asText()).isEqualTo("warn");
        assertThat(json.path("logger").asText()).isEqualTo("io.metallb.k8s.KubernetesController");
        assertThat(json.path("msg").asText()).isEqualTo("pool \"prod\":\n\tfull");
        assertThat(json.path("error").asText()).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(json.path("stacktrace").asText()).contains("JsonLogFormatterTest");
    }

    @Test
    void theProcessLogsThroughSystemLoggerLandAsJsonAtTheThreshold() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logging.configure(Logging.Format.JSON, Logging.Threshold.INFO, new PrintStream(out, true,
                StandardCharsets.UTF_8));
        System.getLogger("io.metallb.test").log(System.Logger.Level.INFO, "shown");
        System.getLogger("io.metallb.test").log(System.Logger.Level.DEBUG, "hidden");
        Logger.getLogger("io.fabric8.test").severe("also shown");
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(lines[0]).path("msg").asText()).isEqualTo("shown");
        assertThat(mapper.readTree(lines[0]).path("level").asText()).isEqualTo("info");
        assertThat(mapper.readTree(lines[1]).path("level").asText()).isEqualTo("error");
        assertThat(mapper.readTree(lines[1]).path("logger").asText()).isEqualTo("io.fabric8.test");
    }

    @Test
    void textLinesCarryTimeLevelThreadAndLogger() {
        LogRecord r = new LogRecord(Level.INFO, "ready");
        r.setLoggerName("io.metallb.x");
        r.setInstant(Instant.parse("2026-11-22T04:30:00Z"));
        assertThat(new TextLogFormatter().format(r))
                .isEqualTo("2026-11-22T04:30:00.000Z info  [" + Thread.currentThread().getName()
                        + "] io.metallb.x: ready\n");
    }
}
