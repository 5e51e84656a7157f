/**
 * What the cacheline module's in-process benchmarks run: the floors under the inter-process
 * figures (shared-memory rings with both ends in this JVM, {@link io.ipcbench.cacheline.InProcessRings};
 * a futex ping-pong; empty system calls) and the cache-line lessons (false sharing with
 * {@link io.ipcbench.cacheline.TwoCounters}, torn reads with {@link io.ipcbench.cacheline.TornWord}).
 * It uses the shm rings and the bench bases; the benchmarks are in jmh/cacheline.
 */
package io.ipcbench.cacheline;
