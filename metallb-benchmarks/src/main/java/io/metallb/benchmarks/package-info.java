/**
 * Benchmarks of the allocator: {@link io.metallb.benchmarks.AllocatorBenchmark} (JMH, ns per allocation at
 * several pool fills), {@link io.metallb.benchmarks.AllocatorFillRatio} (runs it and prints the 99%/0% ratio),
 * {@link io.metallb.benchmarks.EndToEndAllocationBenchmark} (100k services through {@code reconcile}) and
 * {@link io.metallb.benchmarks.AllocatorMemory} (retained heap per assigned address).
 */
package io.metallb.benchmarks;
