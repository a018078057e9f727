/** Nodes and endpoints, and the shared rule deciding which nodes may announce a service. */
package io.metallb.api.node;
