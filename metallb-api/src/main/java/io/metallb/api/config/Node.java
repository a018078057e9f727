package io.metallb.api.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One value of a YAML-shaped tree at a known path, inside one named object. Every typed read either returns the
 * value or records an error naming the path, what was seen and what was expected, and returns empty, so a wrong
 * type never becomes a {@link ClassCastException} and never stops the reading of the rest.
 */
final class Node {
    private final Problems problems;
    private final Dialect dialect;
    private final String kind;
    private final String object;
    private final String path;
    private final Object value;

    Node(Problems problems, Dialect dialect, String kind, String object, String path, Object value) {
        this.problems = problems;
        this.dialect = dialect;
        this.kind = kind;
        this.object = object;
        this.path = path;
        this.value = value;
    }

    /** The same value, reported under another object name (known once {@code metadata.name} is read). */
    Node named(String objectName) {
        return new Node(problems, dialect, kind, objectName, path, value);
    }

    Node child(String key, Object v) {
        return new Node(problems, dialect, kind, object, path.isEmpty() ? key : path + "." + key, v);
    }

    Dialect dialect() {
        return dialect;
    }

    String object() {
        return object;
    }

    String path() {
        return path;
    }

    /** The value as found in the tree, for messages. */
    Object raw() {
        return value;
    }

    boolean present() {
        return value != null;
    }

    void error(String message) {
        problems.error(new ConfigError(kind, object, path, message));
    }

    void warn(String message) {
        problems.warn(new ConfigError(kind, object, path, message));
    }

    /** Errors recorded so far in the whole config: a reader compares counts to know if a part failed. */
    int errorCount() {
        return problems.errorCount();
    }

    /** Records "missing" when absent; true when present. */
    boolean require(String expected) {
        if (!present()) {
            error("missing (expected: " + expected + ")");
        }
        return present();
    }

    private void wrongType(String expected) {
        error(describe(value) + " (expected: " + expected + ")");
    }

    Optional<String> text() {
        return typed(String.class, "a string");
    }

    Optional<Boolean> bool() {
        return typed(Boolean.class, "true or false");
    }

    private <T> Optional<T> typed(Class<T> type, String expected) {
        if (value == null) {
            return Optional.empty();
        }
        if (type.isInstance(value)) {
            return Optional.of(type.cast(value));
        }
        wrongType(expected);
        return Optional.empty();
    }

    /**
     * A string parsed by {@code parser}, whose {@link IllegalArgumentException} message (the model's parsers
     * name the text and what is wrong) becomes the error at this path.
     */
    <T> Optional<T> parsed(java.util.function.Function<String, T> parser) {
        return text().flatMap(t -> {
            try {
                return Optional.of(parser.apply(t));
            } catch (IllegalArgumentException e) {
                error(e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A whole number in {@code min..max}; numeric strings only in the legacy dialect. */
    OptionalLong integer(long min, long max) {
        if (value == null) {
            return OptionalLong.empty();
        }
        BigInteger n = wholeNumber();
        String expected = "a whole number in " + min + ".." + max;
        if (n == null || n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            wrongType(expected);
            return OptionalLong.empty();
        }
        return OptionalLong.of(n.longValueExact());
    }

    private BigInteger wholeNumber() {
        try {
            if (value instanceof Number num && !(value instanceof Double d && !Double.isFinite(d))
                    && !(value instanceof Float f && !Float.isFinite(f))) {
                return new BigDecimal(num.toString()).toBigIntegerExact();
            }
            if (value instanceof String s && dialect.acceptsNumericStrings() && s.matches("-?[0-9]{1,20}")) {
                return new BigInteger(s);
            }
        } catch (ArithmeticException | NumberFormatException notWhole) {
            // falls through to the caller's "expected" error, which names the value
        }
        return null;
    }

    /** The items of a list; absent is the empty list. */
    List<Node> items() {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            wrongType("a list");
            return List.of();
        }
        List<Node> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(new Node(problems, dialect, kind, object, path + "[" + i + "]", list.get(i)));
        }
        return out;
    }

    /**
     * The string items of a list, each string once. A repeated entry is an error at its position, as in
     * MetalLB's {@code duplicate definition of <field>} checks; a non-string item is an error too.
     */
    List<Node> distinctTextItems() {
        List<Node> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node item : items()) {
            if (!item.require("a string")) {
                continue;
            }
            item.text().ifPresent(s -> {
                if (seen.add(s)) {
                    out.add(item);
                } else {
                    item.error("\"" + s + "\" is listed twice");
                }
            });
        }
        return out;
    }

    /** The strings of {@link #distinctTextItems()}. */
    List<String> distinctTexts() {
        return distinctTextItems().stream().map(n -> (String) n.value).toList();
    }

    /** The keys of a mapping, read through the dialect; absent is the empty mapping. */
    Fields fields() {
        if (value == null) {
            return new Fields(this, Map.of());
        }
        if (!(value instanceof Map<?, ?> map)) {
            wrongType("a mapping");
            return new Fields(this, Map.of());
        }
        return new Fields(this, map);
    }

    /** How a value is shown in messages: strings quoted, numbers and booleans as written, containers by shape. */
    static String describe(Object v) {
        if (v == null) {
            return "missing";
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof Map<?, ?>) {
            return "a mapping";
        }
        return "a " + v.getClass().getSimpleName();
    }
}
