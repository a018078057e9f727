/** Layer 2 node election: which node answers ARP/NDP for an address, as MetalLB decides it. */
package io.metallb.l2.election;
