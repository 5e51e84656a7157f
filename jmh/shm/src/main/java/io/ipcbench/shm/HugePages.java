package io.ipcbench.shm;

import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.Mmap;
import io.ipcbench.os.NativeException;
import io.ipcbench.ring.SharedMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's pool of 2 MiB huge pages, which HUGETLB's rings come from. Nothing is taken from
 * the pool until a process maps a hugetlb file (then the pages are reserved for the mapping, so a
 * store cannot fault for want of one); a pool of none, the default, refuses the trial before
 * anything is created, naming vm.nr_hugepages and how to reserve pages.
 */
final class HugePages {
    static final long PAGE_BYTES = 2L << 20;
    /** What /proc/<pid>/maps shows of the memfd: {@code /memfd:ipcbench-huge-rings (deleted)}. */
    static final String MEMFD_NAME = "ipcbench-huge-rings";
    static final Path POOL = Path.of("/sys/kernel/mm/hugepages/hugepages-2048kB");

    private HugePages() {}

    /** {@code bytes} rounded up to whole huge pages: a hugetlb file's length and mapping must be. */
    static long roundUp(long bytes) {
        return (bytes + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES;
    }

    /** Pages of the pool no mapping holds or has reserved; none on a kernel without the pool. */
    static long available() {
        return Files.isDirectory(POOL) ? read("free_hugepages") - read("resv_hugepages") : 0;
    }

    /** Pages of the pool that mappings hold or have reserved. */
    static long inUse() {
        return Files.isDirectory(POOL) ? read("nr_hugepages") - available() : 0;
    }

    /** Refuses, creating nothing, rings of {@code bytes} that the pool's available pages cannot hold. */
    static void requireAvailable(long bytes) {
        if (!Files.isDirectory(POOL)) {
            throw new IllegalArgumentException("shm backing=HUGETLB: this kernel has no 2 MiB huge pages (" + POOL
                    + " is missing); choose backing POSIX or SYSV_SHM");
        }
        long needed = roundUp(bytes) / PAGE_BYTES;
        long available = available();
        if (needed > available) {
            long reserved = read("nr_hugepages");
            throw new IllegalArgumentException(refusal(bytes, needed, available, reserved));
        }
    }

    /** What to say when the pool cannot hold the rings: what they need, what is free, the sysctl and its value to ask for. */
    static String refusal(long bytes, long needed, long available, long reserved) {
        return "shm backing=HUGETLB: the rings (" + bytes + " bytes) need " + needed + " of the 2 MiB huge pages and " + available
                + " of the " + reserved + " reserved (vm.nr_hugepages) are free; reserve more as root: sysctl -w vm.nr_hugepages="
                + (reserved + needed - available) + " (or echo it into /proc/sys/vm/nr_hugepages; grep HugePages_Total /proc/meminfo"
                + " shows what the kernel granted), or choose a smaller size or capacity";
    }

    /** A memfd of huge pages and its mapping; releasing the mapping closes the descriptor, open till then for the benchmark side to take. */
    record Memfd(int fd, SharedMapping mapping) {}

    /**
     * Creates a memfd of huge pages holding {@code bytes}, rounded up, and maps it MAP_SHARED, which
     * reserves its pages from the pool. A pool emptied since the trial's check is refused as it is.
     */
    static Memfd createMapped(long bytes) {
        long length = roundUp(bytes);
        int memfd = Mmap.memfdCreate(MEMFD_NAME, Mmap.MFD_HUGETLB | Mmap.MFD_HUGE_2MB);
        try {
            Mmap.truncate(memfd, length);
            return new Memfd(memfd, SharedMapping.ofDescriptor(memfd, length).releasingFirst(() -> Libc.close(memfd)));
        } catch (NativeException e) {
            Libc.close(memfd);
            if (e.errno() == Errno.ENOMEM) {
                throw new IllegalStateException(refusal(bytes, length / PAGE_BYTES, available(), read("nr_hugepages")), e);
            }
            throw e;
        }
    }

    private static long read(String file) {
        try {
            return Long.parseLong(Files.readAllLines(POOL.resolve(file)).getFirst().strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + POOL.resolve(file), e);
        }
    }
}
