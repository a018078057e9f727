/**
 * {@code metallb explain SERVICE -f FILE}: why a Service of a standalone file has or has not got an address, pool
 * by pool, and how this node announces it. Not exported; opened to picocli only.
 */
package io.metallb.distribution.explain;
