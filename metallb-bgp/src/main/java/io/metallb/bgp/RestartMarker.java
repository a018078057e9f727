package io.metallb.bgp;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Whether this speaker restarted on a node that kept running: a file it writes when it starts, in a directory that
 * outlives the speaker's container but not the node (a hostPath under /run, a tmpfs the node empties at boot).
 * Present at start: a speaker ran here since the node booted, and the node's forwarding (kube-proxy's rules) went
 * on meanwhile, which is what RFC 4724's Restart State and Forwarding State bits tell a peer.
 */
final class RestartMarker {

    private static final Logger LOG = System.getLogger(RestartMarker.class.getName());

    private RestartMarker() {
    }

    /**
     * True when {@code marker} exists; it exists afterwards. A marker that cannot be written is logged and the
     * speaker starts as after a boot (no Restart State bit), which is what peers assume without graceful restart.
     */
    static boolean restarted(Path marker) {
        boolean restarted = Files.exists(marker);
        if (!restarted) {
            try {
                Path parent = marker.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(marker, "a speaker started on this node at " + Instant.now() + "\n");
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot write the restart marker " + marker + " (" + e + "): after a restart "
                        + "this speaker's OPENs will not set the graceful restart Restart State bit");
            }
        }
        LOG.log(Level.INFO, restarted ? "restart marker " + marker + " found: a speaker ran on this node since it "
                + "booted, the first OPEN to each graceful-restart peer sets the Restart State bit"
                : "no restart marker " + marker + ": first speaker since the node booted");
        return restarted;
    }
}
