/**
 * The mmap mechanism ({@link io.ipcbench.mmap.MmapMechanism}): the shm rings in a MAP_SHARED mapping
 * of a file over one of three {@link io.ipcbench.mmap.Backing}s, a /dev/shm file, a file on disk
 * ({@code DiskFile}) or a memfd. The benchmarks are in jmh/mmap. It depends on {@code link},
 * {@code os} and the {@code shm} rings.
 */
package io.ipcbench.mmap;
