package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shrinks, in place, a fabric8 model object that a cache keeps and nobody writes: every empty map and list becomes
 * the shared immutable empty one, every other map and list an immutable copy of its exact size, and every string
 * the JVM's canonical copy, through the whole object (nested model objects, and the maps and lists of a
 * {@code GenericKubernetesResource}).
 *
 * <p>Why: Jackson gives each model object a {@code LinkedHashMap} for unknown fields (almost always empty: 56
 * bytes each, 17 per Service and its EndpointSlice) and each list it reads an array of ten. With 1,000 Services
 * that was about 1.5 MB of the speaker's 3.8 MB of cached model (docs/benchmarks.md, session 8).
 *
 * <p>Strings are interned ({@link String#intern}): each object repeats its namespace, kind, apiVersion, type,
 * protocol, address family and node name, so of the 18,800 strings of that cache 6,800 were distinct. The JVM's
 * string table holds its entries weakly: a string no cached object uses any more goes.
 *
 * <p>The properties are found once per class: public getters with a public setter of the same type, found by
 * reflection and called through method handles (no generated reflection accessor per method). The object stays
 * equal to what it was ({@code equals}, and the JSON it serializes to).
 */
final class Compactor {

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType SETTER = MethodType.methodType(void.class, Object.class, Object.class);

    private record Property(String name, MethodHandle getter, MethodHandle setter) {
    }

    private static final ClassValue<List<Property>> PROPERTIES = new ClassValue<>() {
        @Override
        protected List<Property> computeValue(Class<?> type) {
            return properties(type);
        }
    };

    private Compactor() {
    }

    /** Compacts {@code resource} and everything it holds, in place. */
    static void compact(KubernetesResource resource) {
        compactModel(resource);
    }

    private static void compactModel(Object model) {
        for (Property p : PROPERTIES.get(model.getClass())) {
            try {
                Object value = p.getter().invokeExact(model);
                if (value == null) {
                    continue;
                }
                Object compacted = compacted(value);
                if (compacted != value) {
                    p.setter().invokeExact(model, compacted);
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("compacting " + model.getClass().getName() + "." + p.name(), e);
            }
        }
    }

    /** {@code value} itself (model objects compacted in place) or its compact replacement (maps, lists, strings). */
    private static Object compacted(Object value) {
        if (value instanceof String string) {
            return string.intern();
        }
        if (value instanceof KubernetesResource model) {
            compactModel(model);
            return model;
        }
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return Map.of();
            }
            // Insertion order kept, as Jackson read it; keys and values may be anything, so no Map.copyOf.
            Map<Object, Object> copy = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
            map.forEach((k, v) -> copy.put(k == null ? null : compacted(k), v == null ? null : compacted(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return List.of();
            }
            List<Object> copy = new ArrayList<>(list.size());
            boolean nulls = false;
            for (Object element : list) {
                nulls |= element == null;
                copy.add(element == null ? null : compacted(element));
            }
            return nulls ? Collections.unmodifiableList(copy) : List.copyOf(copy);
        }
        return value;
    }

    /** The String, Map, List and model-typed properties of {@code type} with both a public getter and setter. */
    private static List<Property> properties(Class<?> type) {
        List<Property> out = new ArrayList<>();
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (Method getter : type.getMethods()) {
            Class<?> t = getter.getReturnType();
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || !(t == String.class || t == Map.class || t == List.class
                    || KubernetesResource.class.isAssignableFrom(t))) {
                continue;
            }
            String name = getter.getName().substring(3);
            try {
                Method setter = type.getMethod("set" + name, t);
                out.add(new Property(name, lookup.unreflect(getter).asType(GETTER),
                        lookup.unreflect(setter).asType(SETTER)));
            } catch (NoSuchMethodException e) {
                // Read-only: derived from other properties, nothing of its own to compact.
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("fabric8's model must be public: " + getter, e);
            }
        }
        return List.copyOf(out);
    }
}
