package io.metallb.l2.channel;

import io.metallb.api.net.IpAddress;
import io.metallb.l2.wire.MacAddress;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Raw Ethernet frames in and out of one network interface: the seam between the layer 2 logic and whatever
 * captures and injects frames (pcap4j here; an in-memory link in unit tests; AF_PACKET or XDP elsewhere).
 *
 * <p>A channel delivers only what a responder may need (ARP requests and neighbour solicitations arriving on the
 * interface); implementations may filter more loosely, since the responder checks every frame again.
 */
public interface PacketChannel extends AutoCloseable {

    /** The interface's name, e.g. {@code eth0}. */
    String interfaceName();

    /** The interface's own MAC: the address replies and announcements carry. */
    MacAddress hardwareAddress();

    /**
     * Starts delivering received frames to {@code receiver}, on a thread the channel owns, one frame at a time.
     * The array belongs to the receiver. Called once.
     */
    void start(Consumer<byte[]> receiver);

    /**
     * Narrows delivery to requests whose target is one of {@code targets} (so a flood for other addresses never
     * reaches the receiver); a hint, the receiver still checks every frame. Returns once the new set is in force,
     * so a request for a gained address sent after this returns is delivered. Called from one thread at a time.
     * The default delivers everything.
     */
    default void restrictTo(Set<IpAddress> targets) {
    }

    /** Sends one whole frame (no FCS). Callable from any thread. */
    void send(byte[] frame);

    /** Stops receiving and releases the interface; idempotent. */
    @Override
    void close();
}
