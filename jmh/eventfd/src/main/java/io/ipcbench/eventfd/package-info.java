/**
 * The eventfd mechanism ({@link io.ipcbench.eventfd.EventfdMechanism}) in its two
 * {@link io.ipcbench.eventfd.Shape}s: COUNTER, the 8-byte counter as the message
 * ({@code CounterLink}), and RING, the shm rings with an eventfd per process as the doorbell that
 * wakes it. The benchmarks are in jmh/eventfd. It depends on {@code link}, {@code os} and the
 * {@code shm} rings.
 */
package io.ipcbench.eventfd;
