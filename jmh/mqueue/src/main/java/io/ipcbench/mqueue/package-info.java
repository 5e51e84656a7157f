/**
 * The message queue mechanism ({@link io.ipcbench.mqueue.MqueueMechanism}) over its two
 * {@link io.ipcbench.mqueue.QueueApi}s: POSIX queues ({@code PosixQueueLink}) and System V queues
 * ({@code SysvQueueLink}), with the kernel's limits read before a trial is created
 * ({@code QueueLimits}), and fan-in N to 1 through one queue of either API ({@code KernelQueueFanIn}).
 * The benchmarks are in jmh/mqueue. It depends on {@code link} and {@code os}.
 */
package io.ipcbench.mqueue;
