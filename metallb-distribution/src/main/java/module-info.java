/**
 * metallb-distribution: the {@code metallb} command. It loads the allocator and the protocol announcers through
 * ServiceLoader only, so the protocol modules (and any third-party plugin) join the graph by being on the module
 * path.
 */
module io.metallb.distribution {
    requires io.metallb.api;
    requires info.picocli;
    requires org.yaml.snakeyaml;

    // picocli reflects on the command classes to set options and call subcommands.
    opens io.metallb.distribution.command to info.picocli;
    opens io.metallb.distribution.standalone to info.picocli;
    opens io.metallb.distribution.explain to info.picocli;

    uses io.metallb.api.spi.AllocatorProvider;
    uses io.metallb.api.spi.AnnouncerProvider;
}
