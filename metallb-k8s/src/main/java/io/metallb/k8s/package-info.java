/**
 * The Kubernetes glue: {@link io.metallb.k8s.KubernetesController} assigns addresses to LoadBalancer Services
 * from MetalLB's CRDs (or the legacy ConfigMap), writing Service status, the pool annotation and events;
 * {@link io.metallb.k8s.LeaderElectedController} runs it on one replica at a time.
 */
package io.metallb.k8s;
