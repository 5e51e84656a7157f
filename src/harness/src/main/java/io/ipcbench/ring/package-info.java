/**
 * Shared-memory rings and the ways their ends wait for each other. The rings are shared by every
 * mechanism that moves messages through memory: shm maps them from a /dev/shm file, a System V
 * segment or huge pages, mmap from its backings, the eventfd ring wakes them through eventfds,
 * the cacheline floors run them in one process, and the bench profilers read their counters ({@link io.ipcbench.ring.SyncCounts}).
 * Memory layout is in {@link io.ipcbench.ring.RingDescriptor} and {@link io.ipcbench.ring.RingLayout},
 * the waits in the {@link io.ipcbench.ring.SyncKind} strategies. A fan-in's rings, N producers into
 * one consumer, are {@link io.ipcbench.ring.FanInRings}: one ring whose slots producers claim
 * atomically, or one ring per producer polled by the consumer. It depends on {@code link} and {@code os}.
 */
package io.ipcbench.ring;
