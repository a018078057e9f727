package io.metallb.distribution.command;

import io.metallb.api.spi.AllocatorProvider;
import io.metallb.api.spi.AnnouncerProvider;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code metallb plugins} (hidden): what ServiceLoader finds on the module path, one line each, e.g.
 * {@code announcer bgp io.metallb.bgp}. The module-graph test reads it; it touches no network.
 */
@Command(name = "plugins", hidden = true, mixinStandardHelpOptions = true,
        description = "Lists the allocators and announcers found on the module path.")
final class PluginsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (AllocatorProvider p : ServiceLoader.load(AllocatorProvider.class)) {
            out.println("allocator " + p.name() + " " + moduleName(p));
        }
        for (AnnouncerProvider p : ServiceLoader.load(AnnouncerProvider.class)) {
            out.println("announcer " + p.protocol() + " " + moduleName(p));
        }
        out.flush();
    }

    private static String moduleName(Object provider) {
        Module m = provider.getClass().getModule();
        return m.isNamed() ? m.getName() : "(unnamed)";
    }
}
