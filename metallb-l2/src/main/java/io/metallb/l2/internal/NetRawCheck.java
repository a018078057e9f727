package io.metallb.l2.internal;

import io.metallb.l2.channel.PacketChannelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fails at start, with the remedy, when the process cannot open raw packet sockets. */
public final class NetRawCheck {

    /** Linux capability number of CAP_NET_RAW (linux/capability.h). */
    private static final int CAP_NET_RAW = 13;

    private NetRawCheck() {
    }

    /**
     * Reads {@code CapEff} from {@code status} ({@code /proc/self/status}); no check where the file is not
     * readable (not Linux): opening the capture then says what is wrong.
     *
     * @throws PacketChannelException when CAP_NET_RAW is not effective
     */
    public static void require(Path status) {
        if (!Files.isReadable(status)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("CapEff:")) {
                    String hex = line.substring(7).strip();
                    if ((Long.parseUnsignedLong(hex, 16) & (1L << CAP_NET_RAW)) == 0) {
                        throw new PacketChannelException("layer2 needs CAP_NET_RAW to capture and send ARP/NDP "
                                + "(CapEff: " + hex + ", expected: bit 13 set): run as root, or add NET_RAW to the "
                                + "container's securityContext.capabilities");
                    }
                    return;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Unreadable: opening the capture will say what is wrong.
        }
    }
}
