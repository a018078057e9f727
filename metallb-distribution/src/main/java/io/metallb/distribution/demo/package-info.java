/**
 * {@code metallb demo}: MetalLB's controller and speakers against an in-process API server and BGP router.
 * Not exported: the command is its only entry.
 */
package io.metallb.distribution.demo;
