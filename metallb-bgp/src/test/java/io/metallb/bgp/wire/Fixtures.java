package io.metallb.bgp.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden wire fixtures under {@code src/test/resources/bgp/}: one message per {@code .hex} file, captured
 * from FRR and GoBGP or built from the RFC formats. Names containing {@code -as2-} were sent on a session without
 * the 4-octet AS capability; every other one with it (and extended messages).
 */
final class Fixtures {
    static final Path DIR = Path.of("src/test/resources/bgp");

    record Fixture(String name, byte[] bytes) {
        WireOptions options() {
            return name.contains("-as2-") ? new WireOptions(false, true) : WireOptions.MODERN;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Fixtures() {
    }

    static List<Fixture> all() {
        return read(DIR);
    }

    /**
     * Inputs that once broke the decoder, kept forever: raw files in Jazzer's inputs directory of
     * {@link BgpMessageCodecFuzzTest}, where its fuzzing mode writes every crash it finds.
     */
    static List<Fixture> regressions() {
        Path dir = BgpMessageCodecFuzzTest.INPUTS;
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().map(p -> {
                try {
                    return new Fixture(p.getFileName().toString(), Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Fixture> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".hex")).sorted().map(Fixtures::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Fixture load(Path p) {
        try {
            String hex = Files.readAllLines(p).stream().filter(l -> !l.startsWith("#"))
                    .reduce("", String::concat).replaceAll("\\s+", "");
            return new Fixture(p.getFileName().toString(), HexFormat.of().parseHex(hex));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
