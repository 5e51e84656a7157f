package io.ipcbench.mmap;

/** The {@code backing} parameter of the mmap module: what file the two processes map. */
public enum Backing {
    /** A file in /dev/shm (tmpfs), opened by name: the shm module's memory, mapped with mmap(2) directly. */
    DEV_SHM,
    /** A regular file on a disk filesystem: the pages sit in the page cache, dirty ones are written back. */
    DISK,
    /** memfd_create(2): an anonymous tmpfs file with no name, passed to the benchmark side by pidfd_getfd(2). */
    MEMFD
}
