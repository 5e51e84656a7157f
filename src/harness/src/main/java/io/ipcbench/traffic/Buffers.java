package io.ipcbench.traffic;

/** Message buffers are page-aligned on both sides, as a C program's would be from mmap or posix_memalign. */
final class Buffers {
    static final long ALIGNMENT = 4096;

    private Buffers() {}
}
