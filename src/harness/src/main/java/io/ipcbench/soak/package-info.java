/**
 * The soak: every variant of a mechanism run for many messages against a real peer process, every
 * message checked, with a summary a person reads ({@link io.ipcbench.soak.SoakMain}, which the
 * runner starts in each module's jar). The variants are the mechanism's own
 * ({@link io.ipcbench.link.Mechanism#variants}), the mechanism found on the class path
 * ({@link io.ipcbench.soak.SoakPlan}): no shared package names a mechanism. Nothing depends on it.
 */
package io.ipcbench.soak;
