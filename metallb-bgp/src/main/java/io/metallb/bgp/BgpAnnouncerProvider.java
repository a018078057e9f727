package io.metallb.bgp;

import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;

/** Provides the {@code bgp} protocol to the speaker through {@link java.util.ServiceLoader}. */
public final class BgpAnnouncerProvider implements AnnouncerProvider {

    @Override
    public String protocol() {
        return "bgp";
    }

    @Override
    public Announcer create(AnnouncerContext context) {
        return BgpAnnouncer.create(context, BgpCounters.reportingTo(context.metrics()));
    }
}
