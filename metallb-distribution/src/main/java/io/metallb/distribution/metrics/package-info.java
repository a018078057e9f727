/** MetalLB's Prometheus series (names, types, labels and help as MetalLB exposes them) on the Prometheus Java client. */
package io.metallb.distribution.metrics;
