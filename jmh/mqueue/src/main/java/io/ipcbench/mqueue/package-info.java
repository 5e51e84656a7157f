/**
 * The message queue mechanism ({@link io.ipcbench.mqueue.MqueueMechanism}) over its two
 * {@link io.ipcbench.mqueue.QueueApi}s: POSIX queues ({@code PosixQueueLink}) and System V queues
 * ({@code SysvQueueLink}), with the kernel's limits read before a trial is created
 * ({@code QueueLimits}). The benchmarks are in jmh/mqueue. It depends on {@code link} and {@code os}.
 */
package io.ipcbench.mqueue;
