package io.ipcbench.shm;

import io.ipcbench.link.Params;

/**
 * The {@code backing} parameter of the shm module: where the rings' memory comes from. Once
 * mapped, every backing is RAM the two processes share; what differs is how it is named, what the
 * kernel keeps of it after a crash, and the size of the pages the TLB must map.
 */
public enum ShmBacking {
    /** A /dev/shm file (tmpfs, 4 KiB pages), opened by name: what shm_open(3) gives, mapped MAP_SHARED. */
    POSIX,
    /**
     * A System V segment (shmget/shmat, 4 KiB pages), marked for removal (IPC_RMID) as soon as both
     * processes have attached it, so that the kernel frees it when the last one detaches or dies.
     */
    SYSV_SHM,
    /**
     * A memfd of 2 MiB huge pages (memfd_create with MFD_HUGETLB | MFD_HUGE_2MB) from the pool
     * vm.nr_hugepages reserves: one TLB entry maps 512 times what a 4 KiB page's does.
     */
    HUGETLB;

    /** The trial's {@code backing}; POSIX when the params do not name one (the in-process floors). */
    public static ShmBacking of(Params params) {
        return params.has("backing") ? params.choice("backing", ShmBacking.class) : POSIX;
    }
}
