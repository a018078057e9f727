/**
 * metallb-distribution: the {@code metallb} command. It loads the allocator and the protocol announcers through
 * ServiceLoader only, so the protocol modules (and any third-party plugin) join the graph by being on the module
 * path.
 */
module io.metallb.distribution {
    requires io.metallb.api;
    requires info.picocli;
    requires org.yaml.snakeyaml;
    // metallb demo: the controller and speakers, fabric8's mock API server, and a BGP router on metallb-bgp's
    // exported codec and FSM.
    requires io.metallb.k8s;
    requires io.metallb.bgp;
    requires kubernetes.client.api;
    requires kubernetes.model.core;
    requires kubernetes.model.discovery;
    requires kubernetes.model.apiextensions;
    requires kubernetes.server.mock;
    requires mockwebserver;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.codec;
    requires java.logging;
    // The mock API server runs on Vert.x, an automatic module: automatic modules do not pull explicit ones onto
    // the module graph, so the Netty modules Vert.x loads are required here (without them it fails at run time
    // with NoClassDefFoundError).
    requires io.netty.handler;
    requires io.netty.handler.proxy;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.codec.compression;
    requires io.netty.resolver.dns;

    // picocli reflects on the command classes to set options and call subcommands.
    opens io.metallb.distribution.command to info.picocli;
    opens io.metallb.distribution.demo to info.picocli;

    uses io.metallb.api.spi.AllocatorProvider;
    uses io.metallb.api.spi.AnnouncerProvider;
}
