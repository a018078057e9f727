/**
 * metallb-api: the model (IP values, config, services, nodes), the config parser and validator, the shared
 * eligibility rule, and the SPIs. Depends on java.base only.
 */
module io.metallb.api {
    exports io.metallb.api.net;
    exports io.metallb.api.selector;
    exports io.metallb.api.config;
    exports io.metallb.api.service;
    exports io.metallb.api.node;
    exports io.metallb.api.spi;

    uses io.metallb.api.spi.AllocatorProvider;
    uses io.metallb.api.spi.AnnouncerProvider;
    uses io.metallb.api.spi.ClusterSourceProvider;
    uses io.metallb.api.spi.MembershipProvider;
}
