/** The operations port: {@code /metrics}, {@code /healthz} and {@code /readyz} on the JDK's HTTP server. */
package io.metallb.distribution.health;
