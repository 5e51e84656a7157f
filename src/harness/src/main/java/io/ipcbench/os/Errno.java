package io.ipcbench.os;

/** The errno values the suite reacts to, and a readable name for any other. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int EMFILE = 24;
    public static final int ENOSPC = 28;
    public static final int EPIPE = 32;
    public static final int ENOSYS = 38;
    public static final int EMSGSIZE = 90;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int ECONNREFUSED = 111;
    public static final int ETIMEDOUT = 110;

    private Errno() {}

    public static String describe(int errno) {
        String name = switch (errno) {
            case EPERM -> "EPERM (operation not permitted)";
            case ENOENT -> "ENOENT (no such file or directory)";
            case ESRCH -> "ESRCH (no such process or thread)";
            case EINTR -> "EINTR (interrupted)";
            case ENXIO -> "ENXIO (no such device or address: a FIFO without a reader)";
            case EAGAIN -> "EAGAIN (try again)";
            case EACCES -> "EACCES (permission denied)";
            case EEXIST -> "EEXIST (already exists)";
            case EINVAL -> "EINVAL (invalid argument)";
            case EPIPE -> "EPIPE (the reading end is closed)";
            case ENOSYS -> "ENOSYS (not implemented by this kernel)";
            case EMSGSIZE -> "EMSGSIZE (message too long for the socket buffer)";
            case ECONNRESET -> "ECONNRESET (connection reset by the other end)";
            case ENOBUFS -> "ENOBUFS (the kernel could not allocate a buffer)";
            case ECONNREFUSED -> "ECONNREFUSED (connection refused: no socket listens there, or it is closed)";
            case ETIMEDOUT -> "ETIMEDOUT (timed out)";
            case ENOMEM -> "ENOMEM (out of memory)";
            case EMFILE -> "EMFILE (too many open files: raise ulimit -n)";
            case ENOSPC -> "ENOSPC (no space left on device)";
            default -> "errno " + errno;
        };
        return name;
    }
}
