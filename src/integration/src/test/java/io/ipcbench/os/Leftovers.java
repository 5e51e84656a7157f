package io.ipcbench.os;

import io.ipcbench.mmap.MmapMechanism;

import java.util.List;

/**
 * The named objects of a process present now, wherever any mechanism puts them: the places
 * {@link NamedObjects} knows (/dev/shm, /tmp, /dev/mqueue where mounted) and the folder of mmap's
 * DISK backing, which only that mechanism knows.
 */
public final class Leftovers {
    private Leftovers() {}

    public static List<String> of(long pid) {
        return MmapMechanism.objectsOf(pid);
    }
}
