package io.metallb.api.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes label key and value syntax (apimachinery {@code validation.IsQualifiedName} and
 * {@code IsValidLabelValue}), which {@code LabelSelectorAsSelector} enforces before MetalLB sees a selector.
 */
final class LabelSyntax {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private LabelSyntax() {
    }

    /** Why {@code key} is not a label key, or empty when it is one. */
    static Optional<String> keyProblem(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return Optional.of("label key \"" + key + "\" has an invalid prefix (expected: a DNS subdomain)");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
            return Optional.of("\"" + key + "\" is not a label key (expected: [prefix/]name, name up to 63"
                    + " alphanumerics, '-', '_' or '.', starting and ending alphanumeric)");
        }
        return Optional.empty();
    }

    /** Why {@code value} is not a label value, or empty when it is one. */
    static Optional<String> valueProblem(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > 63 || !NAME.matcher(value).matches()) {
            return Optional.of("\"" + value + "\" is not a label value (expected: up to 63 alphanumerics, '-',"
                    + " '_' or '.', starting and ending alphanumeric)");
        }
        return Optional.empty();
    }
}
