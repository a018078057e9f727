package io.metallb.distribution.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes manifests of metallb-distribution/src/main/kubernetes, read the way {@code kubectl apply -k}
 * reads them: every file the kustomization lists, every YAML document in it.
 */
public final class Manifests {

    static final Path DIR = Path.of("src/main/kubernetes");

    private final List<Map<String, Object>> objects;

    private Manifests(List<Map<String, Object>> objects) {
        this.objects = List.copyOf(objects);
    }

    static Manifests load() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String file : resources()) {
            for (Object doc : yaml().loadAll(read(DIR.resolve(file)))) {
                if (doc != null) {
                    objects.add(map(doc));
                }
            }
        }
        return new Manifests(objects);
    }

    /** The files the kustomization lists under {@code resources}. */
    static List<String> resources() {
        Map<String, Object> kustomization = map(yaml().load(read(DIR.resolve("kustomization.yaml"))));
        return list(kustomization.get("resources")).stream().map(String::valueOf).toList();
    }

    /**
     * The JVM options the speaker DaemonSet gives the java launcher ({@code JDK_JAVA_OPTIONS} of its container),
     * split at white space: what SpeakerFootprintIT measures as the shipped configuration.
     */
    public static List<String> speakerJavaOptions() {
        Map<String, Object> pod = map(at(load().get("DaemonSet", "speaker"), "spec", "template", "spec"));
        List<Object> containers = list(pod.get("containers"));
        if (containers.size() != 1) {
            throw new AssertionError(containers.size() + " containers in the speaker DaemonSet");
        }
        String options = list(map(containers.get(0)).get("env")).stream().map(Manifests::map)
                .filter(e -> "JDK_JAVA_OPTIONS".equals(e.get("name"))).map(e -> text(e.get("value"))).findFirst()
                .orElseThrow(() -> new AssertionError("no JDK_JAVA_OPTIONS in the speaker DaemonSet"));
        return List.of(options.strip().split("\\s+"));
    }

    List<Map<String, Object>> all() {
        return objects;
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    /** The one object of this kind and name; fails when there is none or more than one. */
    Map<String, Object> get(String kind, String name) {
        List<Map<String, Object>> found = ofKind(kind).stream()
                .filter(o -> name.equals(map(o.get("metadata")).get("name"))).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " objects " + kind + " " + name + " in " + DIR);
        }
        return found.get(0);
    }

    /** {@code tree.path[0].path[1]...}: a missing step gives null. */
    static Object at(Object tree, String... path) {
        Object node = tree;
        for (String step : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(step);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> ? (List<Object>) o : List.of();
    }

    static String text(Object o) {
        return Objects.toString(o, null);
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
