/**
 * The Service model: what a Kubernetes Service (or a standalone manifest) says, and the
 * {@link io.metallb.api.service.AllocationRequest} read from it, with MetalLB's annotations under both prefixes.
 */
package io.metallb.api.service;
