package io.metallb.l2.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Golden frames under {@code src/test/resources/l2/*.hex}: one frame per line in hex, {@code #} comments. */
final class WireFixtures {

    static final Path DIR = Path.of("src/test/resources/l2");

    private WireFixtures() {
    }

    /** Every frame of every fixture file, in file then line order. */
    static List<byte[]> frames() {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".hex")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    String hex = line.strip();
                    if (!hex.isEmpty() && !hex.startsWith("#")) {
                        out.add(HexFormat.of().parseHex(hex));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** {@code hex} (spaces allowed) as bytes. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
