/**
 * metallb-example-plugin (examples/plugin-file): what a third-party protocol plugin needs, and nothing more. It
 * requires metallb-api, provides {@link io.metallb.api.spi.AnnouncerProvider} for protocol {@code example}, and
 * exports nothing: the speaker finds it through ServiceLoader once its jar is on the module path. Its announcer
 * writes the announced set to the file named by the announcer option {@code example.file}.
 */
module io.metallb.example.plugin {
    requires io.metallb.api;

    provides io.metallb.api.spi.AnnouncerProvider with io.metallb.example.plugin.ExampleAnnouncerProvider;
}
