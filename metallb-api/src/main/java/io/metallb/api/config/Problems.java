package io.metallb.api.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything wrong (errors) or worth a word (warnings) found while reading one config. Readers never stop at the
 * first problem: the user should fix a file in one pass, not one error per apply.
 */
final class Problems {
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void error(ConfigError e) {
        errors.add(e);
    }

    void warn(ConfigError w) {
        warnings.add(w.toString());
    }

    int errorCount() {
        return errors.size();
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Invalid with every error when there is one, otherwise Valid with the config the supplier builds. */
    ConfigResult result(java.util.function.Supplier<Config> config) {
        if (hasErrors()) {
            return new ConfigResult.Invalid(errors);
        }
        return new ConfigResult.Valid(config.get(), warnings);
    }
}
