package io.metallb.distribution.demo;

import io.metallb.distribution.command.Metallb;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's extra modules. fabric8's mock API server and what only it needs (Vert.x, Netty's HTTP codecs,
 * BouncyCastle) are kept off the module path of the controller and speaker: a {@code demo-lib} directory beside
 * the directory of the distribution's jar ({@code target/demo-lib} beside {@code target/lib}), or
 * {@code -Dmetallb.demo.lib=DIR} (the image's entrypoint names {@code /opt/metallb/app/demo-lib}). When they are
 * not in this JVM's module graph, {@code metallb demo} runs itself again in a child JVM with that directory added
 * to the module path and every module there resolved, so README's command line stays the same.
 */
final class DemoModules {

    /** The module whose presence says the demo's modules are in this JVM's graph. */
    static final String MOCK_SERVER = "kubernetes.server.mock";

    private DemoModules() {
    }

    /** Whether the mock API server is readable here (then the demo runs in this JVM). */
    static boolean present() {
        return ModuleLayer.boot().findModule(MOCK_SERVER).isPresent();
    }

    /** Where the demo's modules are, if that directory exists. */
    static Optional<Path> directory() {
        String configured = System.getProperty("metallb.demo.lib");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isDirectory);
        }
        try {
            Path jar = Path.of(Metallb.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path parent = jar.getParent();
            return parent == null || parent.getParent() == null ? Optional.empty()
                    : Optional.of(parent.getParent().resolve("demo-lib")).filter(Files::isDirectory);
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * This process's command line with {@code demoLib} appended to its module path (or as the module path, when the
     * application is linked into the runtime, as in the image) and {@code --add-modules ALL-MODULE-PATH} before
     * {@code -m}.
     *
     * @throws IllegalStateException when the command line has no main module
     */
    static List<String> relaunchCommand(String java, List<String> arguments, Path demoLib) {
        List<String> out = new ArrayList<>();
        out.add(java);
        boolean pathSeen = false;
        boolean mainSeen = false;
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (!mainSeen && (a.equals("--module-path") || a.equals("-p")) && i + 1 < arguments.size()) {
                out.add(a);
                out.add(arguments.get(++i) + File.pathSeparator + demoLib);
                pathSeen = true;
            } else if (!mainSeen && a.startsWith("--module-path=")) {
                out.add(a + File.pathSeparator + demoLib);
                pathSeen = true;
            } else if (!mainSeen && (a.equals("-m") || a.equals("--module"))) {
                if (!pathSeen) {
                    // The image's runtime has the application linked in: the demo's modules are the module path.
                    out.add("--module-path");
                    out.add(demoLib.toString());
                    pathSeen = true;
                }
                out.add("--add-modules");
                out.add("ALL-MODULE-PATH");
                out.add(a);
                mainSeen = true;
            } else {
                out.add(a);
            }
        }
        if (!mainSeen) {
            throw new IllegalStateException("cannot find -m in this command line: " + arguments);
        }
        return out;
    }

    /** Runs {@code metallb demo} again in a child JVM with the demo's modules; returns its exit code. */
    static int relaunch(Path demoLib) throws IOException, InterruptedException {
        ProcessHandle.Info self = ProcessHandle.current().info();
        String java = self.command().orElseThrow(() -> new IllegalStateException("cannot read this JVM's path"));
        List<String> arguments = List.of(self.arguments().orElseThrow(() ->
                new IllegalStateException("cannot read this JVM's command line")));
        Process child = new ProcessBuilder(relaunchCommand(java, arguments, demoLib)).inheritIO().start();
        try {
            return child.waitFor();
        } finally {
            child.destroy();
        }
    }
}
