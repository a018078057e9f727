package io.metallb.api.config;

/**
 * A parsed object with the tree node it came from, so that checks across objects can name the object and the
 * exact field (in either dialect) when they find a problem.
 *
 * @param value the parsed object
 * @param origin its {@code spec} (CRD) or its list item (legacy ConfigMap)
 */
record Sourced<T>(T value, Node origin) {
}
