package io.metallb.example.embedding;

import io.metallb.api.spi.Assignment;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code java --module-path ... -m io.metallb.example.embedding/io.metallb.example.embedding.Main FILE}: allocates
 * addresses to the services of FILE (see {@link TextFileSource}), saves them in FILE.assignments and prints one line
 * {@code namespace/name ip... pool} per service. Run it again: every service keeps its address.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit code: 0 done, 1 FILE or its saved assignments are malformed or unreadable, 2 usage error */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: Main FILE   (lines \"pool NAME ADDRESSES...\" and \"service NAMESPACE/NAME\")");
            return 2;
        }
        try (TextFileSource source = new TextFileSource(Path.of(args[0]), err)) {
            EmbeddedController controller = new EmbeddedController(EmbeddedController.installedAllocator(), source);
            source.start(controller);
            for (Assignment a : controller.assignments().values()) {
                out.println(a.service() + " " + String.join(" ", a.ips().stream().map(Object::toString).toList())
                        + " " + a.pool());
            }
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
