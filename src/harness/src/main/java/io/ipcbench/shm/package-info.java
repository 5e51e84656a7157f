/**
 * Shared-memory rings and the ways their ends wait for each other, and the shm mechanism that maps
 * them from a /dev/shm file ({@link io.ipcbench.shm.ShmMechanism}). The rings are shared: mmap and
 * the eventfd ring map them from other memory, the cacheline floors run them in one process, and
 * the bench profilers read their counters ({@link io.ipcbench.shm.SyncCounts}). Memory layout is in
 * {@link io.ipcbench.shm.RingDescriptor} and {@link io.ipcbench.shm.RingLayout}, the waits in the
 * {@link io.ipcbench.shm.SyncKind} strategies. It depends on {@code link} and {@code os}.
 */
package io.ipcbench.shm;
