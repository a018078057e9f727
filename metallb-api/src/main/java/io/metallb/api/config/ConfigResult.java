package io.metallb.api.config;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The outcome of parsing a config: a validated {@link Config}, or every error found in it. */
public sealed interface ConfigResult permits ConfigResult.Valid, ConfigResult.Invalid {

    /** A config that passed every rule; {@code warnings} are worth logging but refuse nothing. */
    record Valid(Config config, List<String> warnings) implements ConfigResult {
        public Valid {
            Objects.requireNonNull(config, "config");
            warnings = List.copyOf(warnings);
        }
    }

    /** A refused config, with all of its errors (never empty), sorted by text. */
    record Invalid(List<ConfigError> errors) implements ConfigResult {
        public Invalid {
            errors = errors.stream().sorted().distinct().toList();
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid config needs at least one error");
            }
        }

        /** One error per line. */
        public String describe() {
            return errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
        }
    }
}
