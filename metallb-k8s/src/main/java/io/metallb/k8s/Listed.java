package io.metallb.k8s;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * client-go's {@code HasSynced} for a fabric8 informer: done once its cache holds the first list, not once its
 * watch is open too, as the future of fabric8's {@code start()} is.
 *
 * <p>Nothing is missed by not waiting: the watch starts at the list's resourceVersion, so every change after the
 * list arrives when it opens. What is no longer waited for is a connection per informer (a watch is a WebSocket of
 * its own, with its TLS handshake; 12 for the speaker): its start went from 2.93 to 2.44-2.55 s
 * (docs/benchmarks.md, a noisy machine). If the start fails before the list is in (API server unreachable, list
 * forbidden), so does this future. If it fails after (the first watch cannot open), fabric8 gives the informer
 * up, as it does any informer whose start fails: the caller hears of it through {@code lateFailure}, and must not
 * go on with a cache that no longer follows.
 */
final class Listed {

    /**
     * How often the cache is looked at until the list is in: the start of a speaker is measured in 0.1 s. The look
     * (a volatile read) runs on the JDK's one delay thread itself: with the default async executor, on a machine of
     * two CPUs (the common pool's parallelism 1) a new thread per look, 2,400 a second for the speaker's 12
     * informers. Completing {@code listed} there runs its dependents there too; the callers' are trivial.
     */
    private static final Executor POLL = CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS, Runnable::run);

    /** When the polling gives up, whatever the caller's own timeout: it must stop by itself. */
    static final long GIVE_UP_NANOS = TimeUnit.MINUTES.toNanos(10);

    private Listed() {
    }

    /**
     * Starts {@code informer}; the future completes when its cache holds the first list, or exceptionally if its
     * start fails first. Cancelling it stops the polling (the informer keeps running until stopped); so does
     * completion of fabric8's own future, or {@link #GIVE_UP_NANOS}.
     */
    static CompletableFuture<Void> start(SharedIndexInformer<?> informer, Consumer<Throwable> lateFailure) {
        CompletableFuture<Void> listed = new CompletableFuture<>();
        informer.start().whenComplete((ok, failure) -> {
            if (failure == null) {
                listed.complete(null);
            } else if (!listed.completeExceptionally(failure) && !listed.isCancelled()) {
                lateFailure.accept(failure);
            }
        });
        poll(informer, listed, System.nanoTime() + GIVE_UP_NANOS);
        return listed;
    }

    /**
     * As {@link #start}, and waits (until {@code deadline}, a {@link System#nanoTime()}) for the list to be in: the
     * informer to start before all others. The JDK's HTTP client opens a connection for every request made while
     * it has no HTTP/2 connection to the host yet (it keeps one of them and closes the others once their stream
     * ends): twelve informers started at once were twelve TLS handshakes, where the API server's HTTP/2 needs one.
     * After one list, the lists and watches of the others are streams of that connection. Returns the completed
     * future.
     */
    static CompletableFuture<Void> first(SharedIndexInformer<?> informer, Consumer<Throwable> lateFailure,
            long deadline) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Void> listed = start(informer, lateFailure);
        try {
            listed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } finally {
            listed.cancel(false);
        }
        return listed;
    }

    private static void poll(SharedIndexInformer<?> informer, CompletableFuture<Void> listed, long giveUpAt) {
        if (listed.isDone()) {
            return;
        }
        if (informer.hasSynced()) {
            listed.complete(null);
        } else if (System.nanoTime() - giveUpAt > 0) {
            listed.completeExceptionally(new IllegalStateException("no list in 10 minutes: " + informer));
        } else {
            CompletableFuture.runAsync(() -> poll(informer, listed, giveUpAt), POLL);
        }
    }
}
