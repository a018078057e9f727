package io.metallb.api.config;

import java.util.Optional;

/**
 * Reads a {@code BFDProfile} spec (or a legacy {@code bfd-profiles} item). Ranges are MetalLB's
 * ({@code bfdProfileFromCR}, also enforced by the CRD); defaults are FRR's, since MetalLB leaves unset fields
 * to FRR.
 */
final class BfdProfileReader {
    private BfdProfileReader() {
    }

    static Optional<BfdProfile> read(String name, Fields spec, Node origin) {
        int before = origin.errorCount();
        int receive = interval(spec.get("receiveInterval"), BfdProfile.DEFAULT_INTERVAL_MS);
        int transmit = interval(spec.get("transmitInterval"), BfdProfile.DEFAULT_INTERVAL_MS);
        int multiplier = (int) spec.get("detectMultiplier").integer(2, 255)
                .orElse(BfdProfile.DEFAULT_DETECT_MULTIPLIER);
        int echo = interval(spec.get("echoInterval"), BfdProfile.DEFAULT_ECHO_INTERVAL_MS);
        boolean echoMode = spec.get("echoMode").bool().orElse(false);
        boolean passive = spec.get("passiveMode").bool().orElse(false);
        int ttl = (int) spec.get("minimumTtl").integer(1, 254).orElse(BfdProfile.DEFAULT_MINIMUM_TTL);
        spec.finish();
        if (origin.errorCount() != before) {
            return Optional.empty();
        }
        return Optional.of(new BfdProfile(name, receive, transmit, multiplier, echo, echoMode, passive, ttl));
    }

    private static int interval(Node n, int defaultMs) {
        return (int) n.integer(10, 60_000).orElse(defaultMs);
    }
}
