package io.metallb.api.config;

import java.util.Objects;

/**
 * A {@code BFDProfile} ({@code metallb.io/v1beta1}) with defaults applied: the BFD parameters a BGPPeer may
 * name. Intervals are in milliseconds.
 *
 * @param receiveIntervalMs minimum interval at which we can receive control packets (10..60000, default 300)
 * @param transmitIntervalMs minimum transmit interval, less jitter (10..60000, default 300)
 * @param detectMultiplier packets lost before the session is declared down (2..255, default 3)
 * @param echoIntervalMs minimum echo transmit interval (10..60000, default 50)
 * @param echoMode whether echo mode is on
 * @param passiveMode whether we wait for the peer to start the session
 * @param minimumTtl minimum expected TTL on incoming control packets, multihop only (1..254, default 254)
 */
public record BfdProfile(
        String name,
        int receiveIntervalMs,
        int transmitIntervalMs,
        int detectMultiplier,
        int echoIntervalMs,
        boolean echoMode,
        boolean passiveMode,
        int minimumTtl) {

    public static final int DEFAULT_INTERVAL_MS = 300;
    public static final int DEFAULT_DETECT_MULTIPLIER = 3;
    public static final int DEFAULT_ECHO_INTERVAL_MS = 50;
    public static final int DEFAULT_MINIMUM_TTL = 254;

    public BfdProfile {
        Objects.requireNonNull(name, "name");
    }

    /** A profile with every default. */
    public static BfdProfile defaults(String name) {
        return new BfdProfile(name, DEFAULT_INTERVAL_MS, DEFAULT_INTERVAL_MS, DEFAULT_DETECT_MULTIPLIER,
                DEFAULT_ECHO_INTERVAL_MS, false, false, DEFAULT_MINIMUM_TTL);
    }
}
