/**
 * The soak: every variant of a mechanism run for many messages against a real peer process, every
 * message checked, with a summary a person reads ({@link io.ipcbench.soak.SoakMain}, which the
 * runner starts in each module's jar). {@link io.ipcbench.soak.SoakPlan} lists every mechanism and
 * its variants: the one place a shared package names the mechanisms, until they are discovered
 * (ServiceLoader) instead. Nothing depends on it.
 */
package io.ipcbench.soak;
