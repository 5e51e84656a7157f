package io.ipcbench.uds;

import io.ipcbench.os.Libc;

/**
 * A socket descriptor the benchmark side creates before the peer runs. The session's clean-up
 * closes it if set-up fails; once handed to a link (which closes it) or closed, it is never
 * closed again, since a descriptor number closed twice may by then name someone else's file.
 */
final class SetUpSocket {
    private final int fd;
    private boolean open = true;

    SetUpSocket(int fd) {
        this.fd = fd;
    }

    int fd() {
        return fd;
    }

    /** The descriptor, now owned by the caller. */
    synchronized int handOver() {
        open = false;
        return fd;
    }

    synchronized void close() {
        if (open) {
            open = false;
            Libc.close(fd);
        }
    }
}
