import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import jdk.internal.org.objectweb.asm.ClassReader;
import jdk.internal.org.objectweb.asm.ClassVisitor;
import jdk.internal.org.objectweb.asm.ClassWriter;
import jdk.internal.org.objectweb.asm.Opcodes;

/**
 * Makes every jar of LIB an explicit module in OUT, so that jlink can link the whole application into the image's
 * runtime (stage-rootfs.sh) instead of leaving it on a module path. jlink refuses automatic modules, and on a
 * module path the JVM scans every automatic jar's entries for its packages at each start (fabric8's 23 jars among
 * them: about 0.2 s of the speaker's start, docs/benchmarks.md). The jars are copied; a jar without a module
 * descriptor gets one, generated from its byte code:
 * <ul>
 * <li>{@code jdeps --generate-open-module}: what it requires ({@code requires transitive} where its API exposes
 * the other module's types) and the services of its META-INF/services as {@code provides}; {@code open}, so that
 * reflection (Jackson on fabric8's model) reaches every package as it reaches an automatic module's;</li>
 * <li>{@code exports} of every package, as an automatic module exports them;</li>
 * <li>{@code uses} for every class loaded as a constant within the few instructions before a
 * {@code ServiceLoader.load} call (fabric8 finds its HTTP client, extensions and URL providers so): a named
 * module must declare what it loads, an automatic module may load anything;</li>
 * <li>a JDK module outside JDK_MODULES (the image's list; e.g. java.desktop, which JNA reaches only for windows)
 * is required {@code static}, so that it stays out of the runtime, as it is for the automatic module.</li>
 * </ul>
 * SLF4J 1.7 binds statically: slf4j-api calls {@code org.slf4j.impl.StaticLoggerBinder}, which the binding jar
 * holds, and the binding calls the API. As two named modules they would require each other, which the module
 * system refuses, so the binding's classes are merged into the module {@code slf4j.api}, the name pcap4j's
 * descriptor requires.
 * <p>
 * Class files older than Java 6 (picocli's and SLF4J 1.7's, compiled for Java 5) become Java 8 class files with
 * the stack map frames javac would have written (the JDK's ASM, {@code COMPUTE_FRAMES}): JDK 17 leaves class
 * files before version 50 out of a CDS archive, so the speaker parsed and verified (by type inference, the old
 * verifier) picocli's 176 classes at every start. Their code is the same instructions; nothing else about a jar
 * changes: its other classes and its resources are the same bytes.
 * <p>
 * Runs as a single-file program with the JDK's own tools in this JVM (jdeps, javap, javac, jar):
 * {@code java --add-exports java.base/jdk.internal.org.objectweb.asm=ALL-UNNAMED Modularize.java OUT LIB
 * JDK_MODULES} (JDK_MODULES comma-separated).
 */
public final class Modularize {

    private static final Pattern LDC_CLASS = Pattern.compile("ldc.*// class ([\\w/$]+)$");
    private static final Pattern INSTRUCTION = Pattern.compile("^\\s*\\d+: ");
    private static final Pattern REQUIRES =
            Pattern.compile("^(\\s*)requires (?:transitive )?((?:java|jdk)\\.[\\w.]+);");

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: java Modularize.java OUT LIB JDK_MODULES");
        }
        Path out = Path.of(args[0]);
        Path lib = Path.of(args[1]);
        Set<String> jdkModules = Set.of(args[2].split(","));
        Path work = Files.createTempDirectory("modularize");
        try {
            run(out, lib, jdkModules, work);
        } finally {
            deleteTree(work);
        }
    }

    private static void run(Path out, Path lib, Set<String> jdkModules, Path work) throws IOException {
        Path auto = Files.createDirectories(work.resolve("auto"));
        Path explicit = Files.createDirectories(work.resolve("explicit"));
        deleteTree(out);
        Files.createDirectories(out);
        List<Path> jars;
        try (Stream<Path> list = Files.list(lib)) {
            jars = list.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            boolean automatic = descriptor(jar).isAutomatic();
            Files.copy(jar, (automatic ? auto : explicit).resolve(jar.getFileName()));
        }
        mergeSlf4jBinding(auto);
        int retargeted = 0;
        try (Stream<Path> all = Stream.concat(Files.list(auto), Files.list(explicit))) {
            List<Path> copies = all.sorted().toList();
            URL[] urls = new URL[copies.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = copies.get(i).toUri().toURL();
            }
            // The hierarchy the frames are computed against: the original jars' classes, never initialized.
            try (URLClassLoader hierarchy = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
                for (Path jar : copies) {
                    retargeted += retarget(jar, hierarchy);
                }
            }
        }

        List<Path> autoJars;
        try (Stream<Path> list = Files.list(auto)) {
            autoJars = list.sorted().toList();
        }
        Path generated = work.resolve("gen");
        List<String> jdeps = new ArrayList<>(List.of("--multi-release", "17", "--ignore-missing-deps",
                "--generate-open-module", generated.toString(), "--module-path", explicit + ":" + auto));
        autoJars.forEach(j -> jdeps.add(j.toString()));
        tool("jdeps", jdeps);

        Path sources = work.resolve("src");
        List<String> javac = new ArrayList<>(List.of("-nowarn", "-d", work.resolve("classes").toString(),
                "--module-source-path", sources.toString(), "--module-path", explicit + ":" + auto));
        Map<Path, ModuleDescriptor> names = new LinkedHashMap<>();
        for (Path jar : autoJars) {
            ModuleDescriptor d = descriptor(jar);
            names.put(jar, d);
            Path file;
            try (Stream<Path> found = Files.walk(generated.resolve(d.name()))) {
                file = found.filter(p -> p.getFileName().toString().equals("module-info.java")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("jdeps wrote no descriptor for " + jar));
            }
            Path source = Files.createDirectories(sources.resolve(d.name())).resolve("module-info.java");
            Files.writeString(source, descriptorSource(Files.readAllLines(file), d, uses(jar, work), jdkModules));
            javac.addAll(List.of("--patch-module", d.name() + "=" + jar));
        }
        for (ModuleDescriptor d : names.values()) {
            javac.add(sources.resolve(d.name()).resolve("module-info.java").toString());
        }
        tool("javac", javac);

        for (Map.Entry<Path, ModuleDescriptor> e : names.entrySet()) {
            Path target = out.resolve(e.getKey().getFileName());
            Files.copy(e.getKey(), target);
            List<String> jar = new ArrayList<>(List.of("--update", "--file", target.toString()));
            e.getValue().version().ifPresent(v -> jar.addAll(List.of("--module-version", v.toString())));
            jar.addAll(List.of("-C", work.resolve("classes").resolve(e.getValue().name()).toString(),
                    "module-info.class"));
            tool("jar", jar);
        }
        List<Path> explicitJars;
        try (Stream<Path> list = Files.list(explicit)) {
            explicitJars = list.toList();
        }
        for (Path jar : explicitJars) {
            Files.copy(jar, out.resolve(jar.getFileName()));
        }
        System.out.printf("modularize: %d automatic modules made explicit, %d modules in %s; %d class files "
                + "older than Java 6 rewritten as Java 8%n", names.size(), names.size() + explicitJars.size(), out,
                retargeted);
    }

    /** The generated descriptor with every package exported, the services used, and optional JDK modules. */
    static String descriptorSource(List<String> generated, ModuleDescriptor automatic, Set<String> uses,
            Set<String> jdkModules) {
        List<String> lines = new ArrayList<>(generated);
        int close = lines.size() - 1;
        while (!lines.get(close).strip().equals("}")) {
            close--;
        }
        List<String> out = new ArrayList<>();
        for (String line : lines.subList(0, close)) {
            Matcher m = REQUIRES.matcher(line);
            out.add(m.find() && !jdkModules.contains(m.group(2)) ? m.group(1) + "requires static " + m.group(2) + ";"
                    : line);
        }
        new TreeSet<>(automatic.packages()).forEach(p -> out.add("    exports " + p + ";"));
        uses.forEach(u -> out.add("    uses " + u + ";"));
        out.add("}");
        return String.join("\n", out) + "\n";
    }

    /** The classes loaded as constants in the five instructions before each ServiceLoader.load in {@code jar}. */
    private static Set<String> uses(Path jar, Path work) throws IOException {
        Path classes = Files.createDirectories(work.resolve("scan"));
        List<String> loaders = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                    continue;
                }
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (new String(bytes, StandardCharsets.ISO_8859_1)
                        .contains("java/util/ServiceLoader")) {
                    Path file = classes.resolve(name.replace('/', '_'));
                    Files.write(file, bytes);
                    loaders.add(file.toString());
                }
            }
        }
        Set<String> uses = new TreeSet<>();
        if (!loaders.isEmpty()) {
            List<String> javap = new ArrayList<>(List.of("-c", "-p"));
            javap.addAll(loaders);
            Map<String, Integer> seen = new HashMap<>();
            int instruction = 0;
            for (String line : tool("javap", javap).lines().toList()) {
                if (INSTRUCTION.matcher(line).find()) {
                    instruction++;
                }
                Matcher ldc = LDC_CLASS.matcher(line);
                if (ldc.find()) {
                    seen.put(ldc.group(1).replace('/', '.').replace('$', '.'), instruction);
                } else if (line.contains("java/util/ServiceLoader.load")) {
                    int now = instruction;
                    seen.forEach((c, at) -> {
                        if (now - at <= 5) {
                            uses.add(c);
                        }
                    });
                }
            }
        }
        deleteTree(classes);
        return uses;
    }

    /** Rewrites, in {@code jar}, every class file older than Java 6 as a Java 8 one; returns how many. */
    private static int retarget(Path jar, ClassLoader hierarchy) throws IOException {
        int count = 0;
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            List<Path> classes;
            try (Stream<Path> files = Files.walk(zip.getPath("/"))) {
                classes = files.filter(f -> f.toString().endsWith(".class")).toList();
            }
            for (Path file : classes) {
                byte[] bytes = Files.readAllBytes(file);
                int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
                if (major < Opcodes.V1_6) {
                    Files.write(file, java8(bytes, hierarchy));
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * The class file {@code bytes} as version 52 with stack map frames, computed against {@code hierarchy};
     * everything else as it was. Fails on the subroutines (jsr, ret) that Java 7 and later forbid.
     */
    static byte[] java8(byte[] bytes, ClassLoader hierarchy) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return hierarchy;
            }
        };
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM8, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }

    /** SLF4J 1.7's JUL binding (package org.slf4j.impl) into the API's jar, the binding's jar removed. */
    private static void mergeSlf4jBinding(Path auto) throws IOException {
        List<Path> api;
        List<Path> binding;
        try (Stream<Path> list = Files.list(auto)) {
            List<Path> all = list.toList();
            api = all.stream().filter(p -> p.getFileName().toString().matches("slf4j-api-1\\..*\\.jar")).toList();
            binding = all.stream().filter(p -> p.getFileName().toString().matches("slf4j-jdk14-1\\..*\\.jar"))
                    .toList();
        }
        if (api.size() != 1 || binding.size() != 1) {
            return;
        }
        try (FileSystem to = FileSystems.newFileSystem(URI.create("jar:" + api.get(0).toUri()), Map.of());
                FileSystem from = FileSystems.newFileSystem(binding.get(0))) {
            Path root = from.getPath("/org");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.toList()) {
                    Path target = to.getPath(f.toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else if (!Files.exists(target)) {
                        Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        Files.delete(binding.get(0));
    }

    private static ModuleDescriptor descriptor(Path jar) {
        return ModuleFinder.of(jar).findAll().stream().map(ModuleReference::descriptor).findFirst()
                .orElseThrow(() -> new IllegalStateException("not a module: " + jar));
    }

    /** Runs a JDK tool in this JVM; its standard output, or an exception with everything it printed. */
    private static String tool(String name, List<String> args) {
        ToolProvider tool = ToolProvider.findFirst(name)
                .orElseThrow(() -> new IllegalStateException("no " + name + " in this JDK"));
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        int code = tool.run(new PrintWriter(output, true), new PrintWriter(errors, true), args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException(name + " exited " + code + ": " + errors + output);
        }
        return output.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Collections.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.delete(p);
        }
    }
}
