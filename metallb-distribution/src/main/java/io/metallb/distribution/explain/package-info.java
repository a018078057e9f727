/**
 * {@code metallb explain SERVICE}: why a Service has or has not got an address, pool by pool, and who announces
 * it; read once from a cluster (through metallb-k8s's {@code ClusterSnapshot}), or from a standalone file with
 * {@code -f FILE} for this node. Not exported; opened to picocli only.
 */
package io.metallb.distribution.explain;
