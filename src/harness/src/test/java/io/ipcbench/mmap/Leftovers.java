package io.ipcbench.mmap;

import io.ipcbench.os.NamedObjects;

import java.util.ArrayList;
import java.util.List;

/**
 * The named objects of a process present now, wherever any mechanism puts them: the places
 * {@link NamedObjects} knows (/dev/shm, /tmp, /dev/mqueue where mounted) and the folder of the
 * DISK backing's mapped files ({@code -Dipcbench.mmap.dir}, else /var/tmp), which only this
 * package knows. A check for leftovers that does not look there cannot see a DISK mapping left
 * behind.
 */
public final class Leftovers {
    private Leftovers() {}

    public static List<String> of(long pid) {
        List<String> present = new ArrayList<>(NamedObjects.presentFor(pid));
        present.addAll(NamedObjects.presentFor(pid, DiskFile.parent()));
        return present;
    }
}
