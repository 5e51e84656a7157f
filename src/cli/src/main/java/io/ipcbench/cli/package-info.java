/**
 * The command line of ipcbench.jar: {@link Main} hands run, report, lessons and diff to their
 * packages and turns every refusal into one line and exit status 2. It depends on those packages;
 * nothing of the CLI depends on it.
 */
package io.ipcbench.cli;
