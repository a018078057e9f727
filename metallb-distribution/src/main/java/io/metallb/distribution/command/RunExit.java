package io.metallb.distribution.command;

/** Exit codes of the long-running subcommands ({@code controller}, {@code speaker}), as their help lists them. */
final class RunExit {

    /** Stopped by SIGTERM or SIGINT after a clean shutdown. */
    static final int STOPPED = 0;
    /** Could not start: no usable Kubernetes config, caches not filled in time, metrics port not bindable. */
    static final int START_FAILED = 3;
    /** The controller left the leader election (lost its Lease); restarting it rejoins. */
    static final int LEFT_ELECTION = 4;

    private RunExit() {
    }
}
