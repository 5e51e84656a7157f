package io.ipcbench.link;

/**
 * The one way an end busy-waits for the other process: {@link Thread#onSpinWait} every turn, and
 * every {@value #SPINS_PER_CHECK} turns a question to the other side's {@link Liveness}, which
 * throws (benchmark side) or exits (peer side) when that side is gone: a spin is bounded as every
 * wait is. Like an Agrona idle strategy, one belongs to each waiting end, made with it and reused,
 * so a wait allocates nothing; an end whose count spans its waits never resets it, one whose every
 * wait counts its own turns calls {@link #reset} before it spins. A final class with a small
 * method, which the JIT inlines where the copies of this loop stood; the check costs nothing but
 * one turn in thousands, and {@code waitingFor} is a constant at every call, so a turn allocates
 * nothing either.
 */
public final class SpinThenCheck {
    /** Turns between two checks: a check is a volatile read on the benchmark side, a getppid(2) in the peer. */
    private static final int SPINS_PER_CHECK = 1 << 12;

    private final Liveness other;
    private int turns;

    public SpinThenCheck(Liveness other) {
        this.other = other;
    }

    /** One turn of a busy wait for {@code waitingFor}, which names it if the other side is found gone. */
    public void idle(String waitingFor) {
        Thread.onSpinWait();
        if (++turns % SPINS_PER_CHECK == 0) {
            other.check(waitingFor);
        }
    }

    /** Counts the next turns afresh, for a wait whose first check comes {@value #SPINS_PER_CHECK} turns into it. */
    public void reset() {
        turns = 0;
    }
}
