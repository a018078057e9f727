package io.metallb.distribution.standalone;

/** Pieces of standalone files the tests assemble: a pool, a BGP peer, an advertisement, Services. */
public final class Fixtures {

    private Fixtures() {
    }

    /** IPAddressPool "edge", 198.51.100.10-198.51.100.19. */
    public static final String POOL = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata:
              name: edge
            spec:
              addresses:
              - 198.51.100.10-198.51.100.19
            """;

    /** BGPPeer "router" (AS 64512 to 64600) at {@code address}, port {@code port} (179 when 0). */
    public static String peer(String address, int port) {
        return """
                ---
                apiVersion: metallb.io/v1beta2
                kind: BGPPeer
                metadata:
                  name: router
                spec:
                  myASN: 64512
                  peerASN: 64600
                  peerAddress: %s
                """.formatted(address) + (port == 0 ? "" : "  peerPort: " + port + "\n");
    }

    /** BGPAdvertisement "edge" of every pool, to every peer. */
    public static final String BGP_ADVERTISEMENT = """
            ---
            apiVersion: metallb.io/v1beta1
            kind: BGPAdvertisement
            metadata:
              name: edge
            """;

    /** A LoadBalancer Service {@code name} in namespace default; {@code specExtra} lines go under spec. */
    public static String service(String name, String specExtra) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                spec:
                  type: LoadBalancer
                  ports:
                  - port: 80
                """.formatted(name) + specExtra;
    }
}
