package io.metallb.distribution.command;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a future. The JVM's default handling would run shutdown hooks concurrently with
 * java.util.logging's own reset, losing the log lines of the shutdown (the speaker's withdrawal); handling the
 * signals here lets the command close everything in order, log it, and then exit with its code.
 */
final class Termination {

    private static final System.Logger LOG = System.getLogger(Termination.class.getName());

    private final CompletableFuture<String> signalled = new CompletableFuture<>();

    private Termination() {
    }

    /** Handles SIGTERM and SIGINT from now on. */
    static Termination onSignals() {
        Termination t = new Termination();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> t.signalled.complete("SIG" + s.getName()));
            } catch (IllegalArgumentException e) {
                // -Xrs or a platform without it: the JVM's own handling (shutdown hooks) stays.
                LOG.log(Level.WARNING, "cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
        return t;
    }

    /** Completes with the signal's name once one arrives. */
    CompletableFuture<String> signalled() {
        return signalled;
    }
}
