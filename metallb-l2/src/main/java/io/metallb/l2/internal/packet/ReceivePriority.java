package io.metallb.l2.internal.packet;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Puts the calling receive thread in the SCHED_FIFO real-time class (sched(7)), as keepalived does for VRRP: on a
 * busy host a woken ordinary thread waits milliseconds for a CPU, while the kernel answers ARP for its own
 * addresses in softirq context, ahead of every thread; a real-time receive thread runs as soon as a request wakes
 * it. It blocks in {@code recv} the rest of the time, the socket filter admits only requests for owned addresses,
 * and the kernel caps all real-time threads to 95 % of each CPU (sched_rt_runtime_us), so it cannot lock a host
 * up. Without CAP_SYS_NICE it stays an ordinary thread, with a warning.
 */
public final class ReceivePriority {

    /** Low among real-time priorities (1..99), above every ordinary thread: leaves room for the system's own. */
    static final int PRIORITY = 10;
    private static final int SCHED_FIFO = 1;
    private static final System.Logger LOG = System.getLogger(ReceivePriority.class.getName());

    static {
        Native.register(ReceivePriority.class, "c");
    }

    private ReceivePriority() {
    }

    private static native int sched_setscheduler(int pid, int policy, ByteBuffer param) throws LastErrorException;

    /**
     * Starts the receive thread of the channel on {@code name}: a daemon named {@code l2-rx-NAME} that first asks for
     * SCHED_FIFO when {@code realtime}, then runs {@code loop}. Shared by every channel back end.
     */
    public static Thread startReceiveThread(String name, boolean realtime, Runnable loop) {
        Thread thread = new Thread(() -> {
            if (realtime) {
                raiseCurrentThread("layer2 on " + name);
            }
            loop.run();
        }, "l2-rx-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Makes the calling thread real-time; returns whether it could (pid 0: the calling thread only). */
    public static boolean raiseCurrentThread(String what) {
        ByteBuffer param = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, PRIORITY);
        try {
            sched_setscheduler(0, SCHED_FIFO, param);
            return true;
        } catch (LastErrorException e) {
            LOG.log(Level.WARNING, what + ": receive thread stays at normal priority (SCHED_FIFO refused: "
                    + e.getMessage() + "; grant CAP_SYS_NICE for real-time answers on a busy host)");
            return false;
        }
    }
}
