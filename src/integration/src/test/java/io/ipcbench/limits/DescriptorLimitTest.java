package io.ipcbench.limits;

import io.ipcbench.os.ResourceLimits;
import io.ipcbench.pipe.PipeMechanism;
import io.ipcbench.uds.UdsMechanism;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A low file-descriptor limit, made for real: once the trial's JVM has started, prlimit lowers its
 * RLIMIT_NOFILE to a few descriptors above those it has open. The trial is refused before
 * anything is created, naming the limit and ulimit -n, instead of failing with EMFILE in
 * whichever call runs out first; with the room the check asks for, the same trial runs.
 */
class DescriptorLimitTest {
    private static final List<String> PRLIMIT = List.of("prlimit", "--nofile=1024:1024");

    @Test
    void tooFewDescriptorsAreRefusedNamingTheLimitAndUlimit() {
        LimitedJvm.assumeWorks(PRLIMIT);
        long[] limit = new long[1];
        String message = LimitedJvm.trialAfter(PipeMechanism.class, "pipe", List.of("size=64"), (pid, open) -> {
            limit[0] = open + 8;
            lower(pid, limit[0]);
        }).refusal();
        assertTrue(message.startsWith("pipe size=64: this process has "), message);
        assertTrue(message.contains(" file descriptors open and may have at most " + limit[0] + " (RLIMIT_NOFILE), but a trial needs up to "
                + ResourceLimits.TRIAL_DESCRIPTORS + " more"), message);
        assertTrue(message.contains("ulimit -n "), message);
    }

    /** The room asked for is enough for a trial with sockets, its peer (which inherits the limit) and its pipes. */
    @Test
    void theRoomAskedForIsEnough() {
        LimitedJvm.assumeWorks(PRLIMIT);
        LimitedJvm.trialAfter(UdsMechanism.class, "uds", List.of("size=64", "type=STREAM", "wait=BLOCKING"),
                (pid, open) -> lower(pid, open + ResourceLimits.TRIAL_DESCRIPTORS + 4)).assertRan();
    }

    private static void lower(long pid, long limit) {
        LimitedJvm.require(List.of("prlimit", "--pid", Long.toString(pid), "--nofile=" + limit + ":" + limit));
    }
}
