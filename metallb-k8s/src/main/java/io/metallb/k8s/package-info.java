/**
 * The Kubernetes glue: {@link io.metallb.k8s.KubernetesController} assigns addresses to LoadBalancer Services
 * from MetalLB's CRDs (or the legacy ConfigMap), writing Service status, the pool annotation, events,
 * IPAddressPool and ConfigurationState status; {@link io.metallb.k8s.LeaderElectedController} runs it on one
 * replica at a time; {@link io.metallb.k8s.KubernetesSpeaker} computes one node's announcements and hands them to
 * the protocol announcers; {@link io.metallb.k8s.Crds} holds the CRD manifests.
 */
package io.metallb.k8s;
