/**
 * {@code metallb standalone}: MetalLB on a host without Kubernetes. One YAML file holds the metallb.io objects and
 * plain v1 Services; this package reads it ({@link io.metallb.distribution.standalone.StandaloneInput}), keeps the
 * assignments in a state file beside it ({@link io.metallb.distribution.standalone.StateFile}), allocates
 * ({@link io.metallb.distribution.standalone.Assignments}), plans this node's announcements
 * ({@link io.metallb.distribution.standalone.NodePlan}) and runs the loop that watches the file
 * ({@link io.metallb.distribution.standalone.StandaloneRunner}). Not exported; opened to picocli only.
 */
package io.metallb.distribution.standalone;
