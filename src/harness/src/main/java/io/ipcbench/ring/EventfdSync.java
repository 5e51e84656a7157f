package io.ipcbench.ring;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.SpinThenCheck;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link SleepingSync} with an eventfd doorbell in place of the futex: the waiter takes its
 * doorbell with read(2); the mover that took its announcement writes the other process's
 * doorbell. The eventfd keeps its count until read, so a ring that comes before the read is not
 * lost: the read returns at once. A ring for an announcement the waiter no longer needed (the
 * mover took it just before the waiter, having found the index moved, could withdraw it) stays
 * counted: the process's next sleep returns at once and it sleeps again. One doorbell per process
 * serves both rings, so a wake is re-checked against the index, and a wake that brought nothing
 * asks whether the other process still lives: that is how a reader blocked in read(2), which never
 * sees end of file, learns that the peer died (the benchmark side rings its own doorbell when the
 * peer exits, see the eventfd module).
 */
final class EventfdSync extends SleepingSync {
    private final Doorbells doorbells;
    private final boolean busyPoll;
    private final SpinThenCheck spin;
    private final MemorySegment one;
    private final MemorySegment taken;

    EventfdSync(Ring ring, Liveness other, Doorbells doorbells) {
        super(ring, other, doorbells.spinNanos());
        this.doorbells = doorbells;
        this.busyPoll = doorbells.fdWait() == FdWait.BUSY_POLL;
        this.spin = new SpinThenCheck(other);
        MemorySegment words = Arena.ofAuto().allocate(16, 8);
        this.one = words.asSlice(0, 8);
        this.taken = words.asSlice(8, 8);
        one.set(ValueLayout.JAVA_LONG, 0, 1);
    }

    @Override
    void wake(SharedIndex own) {
        long n = Libc.write(doorbells.other(), one.address(), 8);
        if (n != 8) {
            throw new NativeException("write(eventfd " + doorbells.other() + ")", (int) -n);
        }
    }

    @Override
    void sleep(SharedIndex watched, long seen, String what) {
        takeDoorbell(what);
        if (watched.getVolatile() == seen) {
            other.check(what);
        }
    }

    /** Returns once a read(2) took the doorbell's count: at once if it had rung, else when it rings. Each take counts its own spins. */
    private void takeDoorbell(String what) {
        spin.reset();
        while (true) {
            long n = Libc.read(doorbells.own(), taken.address(), 8);
            if (n == 8) {
                return;
            }
            if (n == -Errno.EAGAIN && busyPoll) {
                spin.idle(what);
            } else if (n != -Errno.EINTR) {
                throw new NativeException("read(eventfd " + doorbells.own() + ")", (int) -n);
            }
        }
    }
}
