package io.metallb.distribution.command;

import io.metallb.distribution.logging.Logging;
import java.net.InetSocketAddress;
import picocli.CommandLine.Option;

/** Metrics and health port, and logging, shared by the controller and the speaker. */
final class OperationsOptions {

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:METALLB_METRICS_PORT:-7472}",
            description = "Port of /metrics, /healthz and /readyz; 0 picks a free one, logged at start "
                    + "(env METALLB_METRICS_PORT; default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = {"--host", "--metrics-bind-address"}, paramLabel = "ADDRESS",
            defaultValue = "${env:METALLB_HOST:-0.0.0.0}",
            description = "Address the metrics port binds (env METALLB_HOST; default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:METALLB_LOG_FORMAT:-text}",
            description = "text, or json: one object per line with ts, level, logger, msg, thread "
                    + "(env METALLB_LOG_FORMAT; default: ${DEFAULT-VALUE}).", converter = FormatConverter.class)
    Logging.Format logFormat;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:METALLB_LOG_LEVEL:-info}",
            description = "One of all, debug, info, warn, error, none (env METALLB_LOG_LEVEL; default: "
                    + "${DEFAULT-VALUE}).", converter = ThresholdConverter.class)
    Logging.Threshold logLevel;

    InetSocketAddress metricsAddress() {
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException("--metrics-port: " + metricsPort + " (expected: 0-65535)");
        }
        return new InetSocketAddress(host, metricsPort);
    }

    void configureLogging() {
        Logging.configure(logFormat, logLevel, System.out);
    }

    /** Case-insensitive {@code text|json}. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Logging.Format> {
        @Override
        public Logging.Format convert(String value) {
            return Enums.parse(Logging.Format.class, value);
        }
    }

    /** Case-insensitive MetalLB level names. */
    static final class ThresholdConverter implements picocli.CommandLine.ITypeConverter<Logging.Threshold> {
        @Override
        public Logging.Threshold convert(String value) {
            return Enums.parse(Logging.Threshold.class, value);
        }
    }
}
