package io.metallb.l2.internal.pcap;

import io.metallb.api.net.IpAddress;
import io.metallb.l2.channel.PacketChannelException;
import io.metallb.l2.internal.packet.ReceiveThreadChannel;
import io.metallb.l2.wire.MacAddress;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;

/**
 * A {@link io.metallb.l2.channel.PacketChannel} over one libpcap handle (opened by
 * {@link PcapPacketChannelFactory}). Receiving runs
 * {@code pcap_loop} on a daemon thread of its own, which also owns the receive handle's filter: libpcap handles
 * are not thread-safe, so {@link #restrictTo} leaves the new filter for that thread and breaks its loop, and the
 * thread installs the filter before it loops again. Sending is {@code pcap_inject} on a second handle, safe from
 * any thread.
 */
final class PcapPacketChannel extends ReceiveThreadChannel {

    private static final System.Logger LOG = System.getLogger(PcapPacketChannel.class.getName());
    /** Bounds how long {@link #restrictTo} waits for the capture thread (which answers in microseconds). */
    private static final long FILTER_WAIT_MILLIS = 2000;

    /** A filter for the capture thread to install, and who waits for it. */
    private record FilterChange(String expression, CompletableFuture<Void> installed) {
    }

    private final PcapHandle receiveHandle;
    private final PcapHandle sendHandle;
    private final AtomicReference<FilterChange> pendingFilter = new AtomicReference<>();

    PcapPacketChannel(String name, MacAddress mac, PcapHandle receiveHandle, PcapHandle sendHandle,
            boolean realtime) {
        super(name, mac, realtime);
        this.receiveHandle = Objects.requireNonNull(receiveHandle, "receiveHandle");
        this.sendHandle = Objects.requireNonNull(sendHandle, "sendHandle");
    }

    @Override
    protected void receive(Consumer<byte[]> receiver) {
        try {
            while (!closed) {
                installPendingFilter();
                try {
                    receiveHandle.loop(-1, receiver::accept);
                } catch (InterruptedException e) {
                    // breakLoop() from restrictTo() or close(): install the new filter, or leave.
                }
            }
        } catch (PcapNativeException | NotOpenException e) {
            if (!closed) {
                LOG.log(Level.ERROR, "capture on " + interfaceName() + " stopped: " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "frame handler on " + interfaceName() + " failed; capture stopped", e);
        } finally {
            FilterChange left = pendingFilter.getAndSet(null);
            if (left != null) {
                left.installed().complete(null);
            }
        }
    }

    /** On the capture thread: a filter that does not compile leaves the previous one (the responder checks all). */
    private void installPendingFilter() throws NotOpenException {
        FilterChange change = pendingFilter.getAndSet(null);
        if (change == null) {
            return;
        }
        try {
            receiveHandle.setFilter(change.expression(), BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException e) {
            LOG.log(Level.WARNING, "filter on " + interfaceName() + " not narrowed (" + change.expression() + "): "
                    + e.getMessage());
        }
        change.installed().complete(null);
    }

    @Override
    public void restrictTo(Set<IpAddress> targets) {
        FilterChange change = new FilterChange(OwnedAddressFilter.of(targets), new CompletableFuture<>());
        FilterChange replaced = pendingFilter.getAndSet(change);
        if (replaced != null) {
            replaced.installed().complete(null);
        }
        if (!started() || closed) {
            return; // installed before the first loop, or never needed
        }
        try {
            receiveHandle.breakLoop();
            change.installed().get(FILTER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (NotOpenException e) {
            // closed meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "filter on " + interfaceName() + " not confirmed within " + FILTER_WAIT_MILLIS
                    + " ms");
        }
    }

    @Override
    public void send(byte[] frame) {
        try {
            sendHandle.sendPacket(frame);
        } catch (PcapNativeException | NotOpenException e) {
            if (!closed) {
                throw new PacketChannelException("send on " + interfaceName() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    protected void wakeReceiver() {
        try {
            receiveHandle.breakLoop();
        } catch (NotOpenException e) {
            // already closed
        }
    }

    @Override
    protected long joinMillis() {
        return 2000;
    }

    @Override
    protected void release() {
        receiveHandle.close();
        sendHandle.close();
    }
}
