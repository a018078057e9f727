/**
 * The configuration model: records mirroring MetalLB's {@code metallb.io} CRDs, the validated {@link
 * io.metallb.api.config.Config} snapshot, and the parser that builds one from YAML-shaped trees, for both the CRD
 * objects and the legacy ConfigMap {@code config} format.
 */
package io.metallb.api.config;
