/** Logs of the whole process (System.Logger, SLF4J via slf4j-jdk14) on standard output, as text or JSON lines. */
package io.metallb.distribution.logging;
