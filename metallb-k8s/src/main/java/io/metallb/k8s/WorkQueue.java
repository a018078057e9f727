package io.metallb.k8s;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A level-triggered work queue with one worker thread, as client-go's: a key queued several times before it is
 * handled is handled once (the handler reads the current state, not the events), and a failing key is retried
 * with exponential backoff (5 ms doubling up to 30 s) until it succeeds. Everything the handler touches is
 * owned by the worker thread, so the handler needs no locking.
 */
final class WorkQueue<K> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WorkQueue.class.getName());
    private static final long BASE_DELAY_MS = 5;
    private static final long MAX_DELAY_MS = 30_000;

    private final ScheduledThreadPoolExecutor worker;
    private final Consumer<K> handler;
    private final Object lock = new Object();
    private final Set<K> dirty = new LinkedHashSet<>();
    private final Map<K, Integer> failures = new HashMap<>();

    WorkQueue(String name, Consumer<K> handler) {
        this.handler = handler;
        this.worker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        // On close, pending retries are dropped rather than run.
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Queues {@code key} unless it is already waiting. Safe from any thread. */
    void add(K key) {
        if (worker.isShutdown()) {
            return;
        }
        synchronized (lock) {
            if (!dirty.add(key)) {
                return;
            }
        }
        run(() -> handle(key));
    }

    /** Runs {@code task} on the worker thread, after the keys already queued; nothing once closed. */
    void run(Runnable task) {
        try {
            worker.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed: nothing runs any more.
        }
    }

    private void handle(K key) {
        synchronized (lock) {
            if (!dirty.remove(key)) {
                return;
            }
        }
        try {
            handler.accept(key);
            failures.remove(key);
        } catch (RuntimeException e) {
            int n = failures.merge(key, 1, Integer::sum);
            long delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(n - 1, 20));
            LOG.log(Level.WARNING, "handling " + key + " failed (attempt " + n + "), retrying in " + delay
                    + " ms: " + e, e);
            worker.schedule(() -> add(key), delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops taking work and lets the task in hand finish (a write cut in half by an interrupt helps no one),
     * waiting up to ten seconds before interrupting it.
     */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
