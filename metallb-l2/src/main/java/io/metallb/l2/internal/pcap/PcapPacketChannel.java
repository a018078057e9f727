package io.metallb.l2.internal.pcap;

import io.metallb.l2.channel.PacketChannel;
import io.metallb.l2.channel.PacketChannelException;
import io.metallb.l2.wire.MacAddress;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Consumer;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;

/**
 * A {@link PacketChannel} over one libpcap handle (opened by {@link PcapPacketChannelFactory}). Receiving runs
 * {@code pcap_loop} on a daemon thread of its own; sending is {@code pcap_inject}, safe from any thread.
 */
final class PcapPacketChannel implements PacketChannel {

    private static final System.Logger LOG = System.getLogger(PcapPacketChannel.class.getName());

    private final String name;
    private final MacAddress mac;
    private final PcapHandle receiveHandle;
    private final PcapHandle sendHandle;
    private Thread thread;
    private volatile boolean closed;

    PcapPacketChannel(String name, MacAddress mac, PcapHandle receiveHandle, PcapHandle sendHandle) {
        this.name = Objects.requireNonNull(name, "name");
        this.mac = Objects.requireNonNull(mac, "mac");
        this.receiveHandle = receiveHandle;
        this.sendHandle = sendHandle;
    }

    @Override
    public String interfaceName() {
        return name;
    }

    @Override
    public MacAddress hardwareAddress() {
        return mac;
    }

    @Override
    public void start(Consumer<byte[]> receiver) {
        if (thread != null) {
            throw new IllegalStateException("channel " + name + " already started");
        }
        thread = new Thread(() -> loop(receiver), "l2-rx-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Consumer<byte[]> receiver) {
        try {
            receiveHandle.loop(-1, receiver::accept);
        } catch (InterruptedException e) {
            // breakLoop() from close(): the normal way out.
        } catch (PcapNativeException | NotOpenException e) {
            if (!closed) {
                LOG.log(Level.ERROR, "capture on " + name + " stopped: " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "frame handler on " + name + " failed; capture stopped", e);
        }
    }

    @Override
    public void send(byte[] frame) {
        try {
            sendHandle.sendPacket(frame);
        } catch (PcapNativeException | NotOpenException e) {
            if (!closed) {
                throw new PacketChannelException("send on " + name + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            receiveHandle.breakLoop();
        } catch (NotOpenException e) {
            // already closed
        }
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        receiveHandle.close();
        sendHandle.close();
    }
}
