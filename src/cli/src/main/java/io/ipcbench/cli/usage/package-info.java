/**
 * What every command of the CLI shares about its command line: {@link Command}, a command's name,
 * help and action, from which {@code --help} and {@code help COMMAND} are printed; the pointer to
 * that help which ends a refused command line; the longest argument accepted; and
 * {@link CliException}, the one-line refusal (exit status 2) of input a person can fix. It depends
 * on nothing else of the CLI, and every other package of the CLI depends on it.
 */
package io.ipcbench.cli.usage;
