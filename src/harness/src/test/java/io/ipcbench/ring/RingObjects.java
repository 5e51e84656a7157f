package io.ipcbench.ring;

import io.ipcbench.link.Params;

import java.util.ArrayList;
import java.util.List;

/** The named objects of a session over shm rings, as the fault matrix expects to find them. */
public final class RingObjects {
    private RingObjects() {}

    /**
     * {@code files}, and with sync=SEMAPHORE each ring's two semaphores, with SYSV_SEMAPHORE the
     * marker of the trial's semaphore set (roles as {@link SharedRings#createSemaphores} names them).
     */
    public static List<String> roles(Params params, String... files) {
        List<String> roles = new ArrayList<>(List.of(files));
        SyncKind sync = params.choice("sync", SyncKind.class);
        if (sync == SyncKind.SEMAPHORE) {
            roles.addAll(List.of("to-peer-room", "to-peer-messages", "from-peer-room", "from-peer-messages"));
        } else if (sync == SyncKind.SYSV_SEMAPHORE) {
            roles.add("semaphores.sysv-sem");
        }
        return roles;
    }
}
