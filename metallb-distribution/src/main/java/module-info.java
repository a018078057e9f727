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
    requires io.metallb.bgp;
    requires kubernetes.client.api;
    requires kubernetes.model.core;
    requires kubernetes.model.discovery;
    requires kubernetes.model.apiextensions;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.writer.text;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires java.logging;
    requires jdk.httpserver;
    // sun.misc.Signal: SIGTERM handled in order, see command.Termination.
    requires jdk.unsupported;
    // metallb demo: fabric8's mock API server and a BGP router on metallb-bgp's exported codec and FSM. Static:
    // the mock server and what only it needs are not on the controller's and speaker's module path at all
    // (target/demo-lib; demo.DemoModules adds them when the demo runs).
    requires static kubernetes.server.mock;
    requires static mockwebserver;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.codec;
    // The mock API server runs on Vert.x, an automatic module: automatic modules do not pull explicit ones onto
    // the module graph, so the Netty modules Vert.x loads are required here (without them it fails at run time
    // with NoClassDefFoundError).
    requires static io.netty.handler;
    requires static io.netty.handler.proxy;
    requires static io.netty.codec.http;
    requires static io.netty.codec.http2;
    requires static io.netty.codec.compression;
    requires static io.netty.resolver.dns;

    exports io.metallb.distribution.metrics;
    exports io.metallb.distribution.health;
    exports io.metallb.distribution.logging;

    // picocli reflects on the command classes to set options and call subcommands.
    opens io.metallb.distribution.command to info.picocli;
    opens io.metallb.distribution.standalone to info.picocli;
    opens io.metallb.distribution.explain to info.picocli;
    opens io.metallb.distribution.demo to info.picocli;

    uses io.metallb.api.spi.AllocatorProvider;
    uses io.metallb.api.spi.AnnouncerProvider;
}
