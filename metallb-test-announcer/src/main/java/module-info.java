/**
 * metallb-test-announcer: a protocol plugin for tests. It provides the announcer for protocol
 * {@code recording}, exactly as metallb-l2 and metallb-bgp provide theirs, and exports {@link
 * io.metallb.testannouncer.Recordings} so a test can read what each node's announcer was given.
 */
module io.metallb.testannouncer {
    requires transitive io.metallb.api;

    exports io.metallb.testannouncer;

    provides io.metallb.api.spi.AnnouncerProvider with io.metallb.testannouncer.RecordingAnnouncerProvider;
}
