/** Kubernetes label selectors ({@code matchLabels} and {@code matchExpressions}) with Kubernetes semantics. */
package io.metallb.api.selector;
