/**
 * The {@code metallb} command line: {@link io.metallb.distribution.command.Metallb} and its subcommands. Not
 * exported; opened to picocli only.
 */
package io.metallb.distribution.command;
