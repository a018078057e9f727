package io.metallb.example.plugin;

import io.metallb.api.config.Config;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code example} protocol: each announcer "announces" by writing the announced set to the file named by the
 * announcer option {@value #FILE_OPTION}, one line {@code namespace/name ip} per announcement, sorted. The file is
 * rewritten whole (a temporary file renamed over it) on every {@link Announcer#apply} that changes the set, and
 * emptied on {@link Announcer#close}, so a user watching it sees announce and withdraw. Without the option the
 * announcer only logs. A real plugin would run a command or program a device here. Public only because
 * {@link java.util.ServiceLoader} instantiates it.
 */
public final class ExampleAnnouncerProvider implements AnnouncerProvider {
    /** The announcer option naming the file the announced set is written to. */
    public static final String FILE_OPTION = "example.file";

    private static final System.Logger LOG = System.getLogger(ExampleAnnouncerProvider.class.getName());

    @Override
    public String protocol() {
        return "example";
    }

    @Override
    public Announcer create(AnnouncerContext context) {
        String node = context.nodeName();
        String fileOption = context.options().get(FILE_OPTION);
        Path file = fileOption == null || fileOption.isBlank() ? null : Path.of(fileOption).toAbsolutePath();
        if (file != null) {
            write(file, Set.of()); // nothing announced yet; fails early when the file cannot be written
        }
        return new Announcer() {
            private final Map<Announcement, AnnouncementStatus> announced = new LinkedHashMap<>();

            @Override
            public void apply(Config config, Set<Announcement> desired) {
                if (announced.keySet().equals(desired)) {
                    return; // idempotent: the same set twice writes nothing the second time
                }
                for (Announcement a : announced.keySet()) {
                    if (!desired.contains(a)) {
                        LOG.log(System.Logger.Level.INFO, "{0}: withdraw {1}", node, a);
                    }
                }
                announced.keySet().retainAll(desired);
                for (Announcement a : desired) {
                    announced.computeIfAbsent(a, k -> {
                        LOG.log(System.Logger.Level.INFO, "{0}: announce {1}", node, k);
                        return new AnnouncementStatus(AnnouncementStatus.State.ANNOUNCED, "");
                    });
                }
                if (file != null) {
                    try {
                        write(file, announced.keySet());
                    } catch (UncheckedIOException e) {
                        String why = "cannot write " + file + ": " + e.getCause().getMessage();
                        announced.replaceAll((a, s) -> new AnnouncementStatus(AnnouncementStatus.State.FAILED,
                                why));
                    }
                }
            }

            @Override
            public Map<Announcement, AnnouncementStatus> status() {
                return Map.copyOf(announced);
            }

            @Override
            public void close() {
                announced.clear();
                if (file != null) {
                    write(file, Set.of());
                }
            }
        };
    }

    /** Replaces {@code file} by one line {@code namespace/name ip} per announcement, sorted. */
    static void write(Path file, Set<Announcement> announcements) {
        Set<String> lines = new TreeSet<>();
        for (Announcement a : announcements) {
            lines.add(a.service() + " " + a.address());
        }
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        Path dir = file.getParent();
        try {
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
