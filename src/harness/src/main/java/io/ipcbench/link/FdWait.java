package io.ipcbench.link;

/**
 * The {@code wait} parameter of the file-descriptor mechanisms: how an end waits for its
 * descriptor to become readable or writable. On a virtual machine a wake-up costs tens of
 * microseconds, so measuring both separates the mechanism's own cost from the scheduler's.
 */
public enum FdWait {
    /** Plain blocking read(2)/write(2): the thread sleeps in the kernel and is woken by the other side. */
    BLOCKING(Waiting.SLEEPS),
    /** O_NONBLOCK descriptors, retried on EAGAIN with Thread.onSpinWait: no sleep, a CPU burnt instead. */
    BUSY_POLL(Waiting.SPINS);

    private final Waiting waiting;

    FdWait(Waiting waiting) {
        this.waiting = waiting;
    }

    /** Whether a side waiting this way spins or sleeps. */
    public Waiting waiting() {
        return waiting;
    }

    /** The trial's {@code wait} parameter; BLOCKING where a caller gives none. */
    public static FdWait of(Params params) {
        return params.has("wait") ? params.choice("wait", FdWait.class) : BLOCKING;
    }
}
