package io.ipcbench.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Huge pages for the tests: where the pool has too few, reserves more as root (writing
 * vm.nr_hugepages), and gives the old value back after. Where that cannot be done (not root, a
 * read-only /proc/sys, memory too fragmented for the kernel to grant them) it says why, so that
 * the tests that need the pages are skipped saying so.
 */
final class ReservedHugePages {
    private static final Path NR_HUGEPAGES = Path.of("/proc/sys/vm/nr_hugepages");
    private static long before = -1;

    private ReservedHugePages() {}

    /** At least {@code pages} available; empty when they are, else why not. */
    static synchronized Optional<String> atLeast(long pages) {
        if (!Files.isDirectory(HugePages.POOL)) {
            return Optional.of("this kernel has no 2 MiB huge pages (" + HugePages.POOL + " is missing)");
        }
        long missing = pages - HugePages.available();
        if (missing <= 0) {
            return Optional.empty();
        }
        try {
            write(reserved() + missing);
        } catch (IOException e) {
            return Optional.of("cannot reserve " + pages + " huge pages of 2 MiB (writing " + NR_HUGEPAGES + ": " + e
                    + "); as root: sysctl -w vm.nr_hugepages=" + pages);
        }
        long available = HugePages.available();
        System.out.println("ReservedHugePages: vm.nr_hugepages raised by " + missing + " for the tests, " + available
                + " pages of 2 MiB now available; the old value, " + before + ", is restored after them");
        return available >= pages ? Optional.empty()
                : Optional.of("the kernel granted " + available + " of the " + pages + " huge pages asked for (memory too fragmented)");
    }

    /** Sets vm.nr_hugepages to {@code pages}; false where it cannot be written. */
    static synchronized boolean set(long pages) {
        try {
            write(pages);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes vm.nr_hugepages, its first value kept for {@link #restore}. */
    private static void write(long pages) throws IOException {
        long reserved = reserved();
        if (before < 0) {
            before = reserved;
        }
        Files.writeString(NR_HUGEPAGES, Long.toString(pages));
    }

    private static long reserved() throws IOException {
        return Long.parseLong(Files.readAllLines(NR_HUGEPAGES).getFirst().strip());
    }

    /** Gives vm.nr_hugepages its value from before the tests, if they changed it. */
    static synchronized void restore() {
        if (before >= 0) {
            try {
                Files.writeString(NR_HUGEPAGES, Long.toString(before));
                System.out.println("ReservedHugePages: vm.nr_hugepages restored to " + before);
            } catch (IOException e) {
                System.out.println("ReservedHugePages: cannot restore vm.nr_hugepages to " + before + ": " + e);
            }
            before = -1;
        }
    }
}
