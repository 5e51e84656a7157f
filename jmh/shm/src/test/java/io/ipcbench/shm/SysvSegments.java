package io.ipcbench.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The System V shared memory segments the kernel holds (what {@code ipcs -m} lists), from /proc/sysvipc/shm. */
record SysvSegments(List<Segment> all) {
    /** SHM_DEST in a segment's mode: marked for removal (IPC_RMID), freed at its last detach. */
    static final int MARKED_FOR_REMOVAL = 01000;

    /** One line: its id, mode (octal, with SHM_DEST), size, creator pid and how many processes have it attached. */
    record Segment(int shmid, int mode, long bytes, long creator, int attached) {
        boolean markedForRemoval() {
            return (mode & MARKED_FOR_REMOVAL) != 0;
        }
    }

    static SysvSegments now() {
        try {
            return new SysvSegments(Files.readAllLines(Path.of("/proc/sysvipc/shm")).stream().skip(1).map(String::strip)
                    .map(line -> line.split("\\s+"))
                    .map(f -> new Segment(Integer.parseInt(f[1]), Integer.parseInt(f[2], 8), Long.parseLong(f[3]), Long.parseLong(f[4]),
                            Integer.parseInt(f[6])))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The segments process {@code pid} created that still exist. */
    List<Segment> createdBy(long pid) {
        return all.stream().filter(s -> s.creator() == pid).toList();
    }
}
