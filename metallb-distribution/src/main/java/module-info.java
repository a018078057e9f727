/**
 * metallb-distribution: the {@code metallb} command. It loads the allocator and the protocol announcers through
 * ServiceLoader only, so the protocol modules (and any third-party plugin) join the graph by being on the module
 * path. The {@code controller} and {@code speaker} subcommands run metallb-k8s, with MetalLB's Prometheus metrics
 * and health probes on one port, and logs on standard output as text or JSON.
 */
module io.metallb.distribution {
    requires io.metallb.api;
    requires io.metallb.k8s;
    requires info.picocli;
    requires org.yaml.snakeyaml;
    requires kubernetes.client.api;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.writer.text;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires java.logging;
    requires jdk.httpserver;
    // sun.misc.Signal: SIGTERM handled in order, see command.Termination.
    requires jdk.unsupported;

    exports io.metallb.distribution.metrics;
    exports io.metallb.distribution.health;
    exports io.metallb.distribution.logging;

    // picocli reflects on the command classes to set options and call subcommands.
    opens io.metallb.distribution.command to info.picocli;
    opens io.metallb.distribution.standalone to info.picocli;
    opens io.metallb.distribution.explain to info.picocli;

    uses io.metallb.api.spi.AllocatorProvider;
    uses io.metallb.api.spi.AnnouncerProvider;
}
