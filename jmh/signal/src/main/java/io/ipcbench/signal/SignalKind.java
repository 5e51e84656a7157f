package io.ipcbench.signal;


/** The {@code kind} parameter: which signals carry the messages, and so what the kernel keeps of them. */
public enum SignalKind {
    /**
     * SIGUSR1 sent with tgkill(2). A standard signal is a pending bit: one sent while the same is
     * still pending merges with it, so at most one may be in flight per direction.
     */
    STANDARD,
    /**
     * SIGRTMIN sent with rt_tgsigqueueinfo(2), carrying a value (here the sequence number): realtime
     * signals queue, each is delivered, in order, up to the RLIMIT_SIGPENDING limit.
     */
    REALTIME;

    /** The signal number on this system. */
    int signal() {
        return this == STANDARD ? Signals.SIGUSR1 : Signals.sigrtmin();
    }
}
