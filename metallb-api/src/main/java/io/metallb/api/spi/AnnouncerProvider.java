package io.metallb.api.spi;

/**
 * The protocol plugin SPI. A plugin jar declares
 * {@code provides io.metallb.api.spi.AnnouncerProvider with ...} in its {@code module-info.java}; putting it on
 * the module path is all it takes for the speaker to use it for advertisements of its {@link #protocol()}.
 */
public interface AnnouncerProvider {

    /** The protocol this provider announces: {@code layer2}, {@code bgp}, or a plugin's own name. */
    String protocol();

    /** An announcer for this node, announcing nothing yet. */
    Announcer create(AnnouncerContext context);
}
