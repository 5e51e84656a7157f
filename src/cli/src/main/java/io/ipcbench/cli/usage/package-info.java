/**
 * What every command of the CLI shares about its command line: the usage text printed with a
 * wrong one, the longest argument accepted, and {@link CliException}, the one-line refusal (exit
 * status 2) of input a person can fix. It depends on nothing else of the CLI, and every other
 * package of the CLI depends on it.
 */
package io.ipcbench.cli.usage;
