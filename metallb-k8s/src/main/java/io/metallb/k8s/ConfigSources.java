package io.metallb.k8s;

import io.metallb.api.config.ConfigError;
import io.metallb.api.config.ConfigParser;
import io.metallb.api.config.ConfigResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses between MetalLB's two config forms. The {@code metallb.io} objects win when any exist: they are what
 * MetalLB reads today, and a half-migrated cluster must not suddenly switch back to an old ConfigMap. The legacy
 * ConfigMap {@code config} (MetalLB v0.12, still used by tutorials) is read only when there are none.
 */
final class ConfigSources {

    /** The parsed config, and a warning when a source was ignored. */
    record Chosen(ConfigResult result, Optional<String> warning) {
    }

    private ConfigSources() {
    }

    /**
     * @param objects the {@code metallb.io} config objects as trees
     * @param legacy the legacy ConfigMap's {@code data.config} read as YAML, or a parse error message
     */
    static Chosen choose(List<Map<String, Object>> objects, Optional<Legacy> legacy) {
        if (!objects.isEmpty() || legacy.isEmpty()) {
            Optional<String> warning = legacy.map(l -> "both metallb.io objects and the legacy ConfigMap \""
                    + LEGACY_NAME + "\" exist: the metallb.io objects win and the ConfigMap is ignored");
            return new Chosen(ConfigParser.parseObjects(objects), warning);
        }
        Legacy l = legacy.get();
        if (l.error().isPresent()) {
            return new Chosen(new ConfigResult.Invalid(List.of(new ConfigError("ConfigMap", LEGACY_NAME,
                    "data.config", l.error().get()))), Optional.empty());
        }
        return new Chosen(ConfigParser.parseLegacy(l.tree()), Optional.empty());
    }

    static final String LEGACY_NAME = "config";

    /** The legacy ConfigMap's content: a YAML tree, or why it could not be read. */
    record Legacy(Map<String, Object> tree, Optional<String> error) {
        static Legacy of(Map<String, Object> tree) {
            return new Legacy(tree, Optional.empty());
        }

        static Legacy unreadable(String why) {
            return new Legacy(Map.of(), Optional.of(why));
        }
    }
}
