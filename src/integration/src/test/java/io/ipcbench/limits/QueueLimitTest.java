package io.ipcbench.limits;

import io.ipcbench.mqueue.MqueueMechanism;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POSIX message queue limits, made for real. The fs.mqueue sysctls belong to an IPC namespace:
 * the trial's JVM runs in a private one (unshare --ipc) whose limits the test lowers, with the
 * namespace's queue filesystem mounted where the trial can list what it leaves, and without
 * CAP_SYS_RESOURCE, which would let it exceed queues_max. RLIMIT_MSGQUEUE is set with prlimit.
 * Each refusal names the limit, its value and the sysctl or ulimit that raises it.
 */
class QueueLimitTest {
    private static final List<String> WITHOUT_CAP_SYS_RESOURCE = List.of("setpriv", "--inh-caps=-sys_resource", "--bounding-set=-sys_resource");

    @TempDir
    Path queues;

    @Test
    void aDepthAboveMsgMaxIsRefusedNamingTheSysctl() {
        String message = trial("echo 3 > /proc/sys/fs/mqueue/msg_max", List.of("depth=5", "size=64")).refusal();
        assertTrue(message.contains("depth=5 is unsupported on this kernel: a POSIX message queue holds at most 3 messages"
                + " (/proc/sys/fs/mqueue/msg_max); raise it with sysctl -w fs.mqueue.msg_max=5"), message);
    }

    @Test
    void aSizeAboveMsgsizeMaxIsRefusedNamingTheSysctl() {
        String message = trial("echo 1024 > /proc/sys/fs/mqueue/msgsize_max", List.of("depth=1", "size=2048")).refusal();
        assertTrue(message.contains("size=2048 is unsupported on this kernel: a POSIX message queue carries messages of at most"
                + " 1024 bytes (/proc/sys/fs/mqueue/msgsize_max)"), message);
        assertTrue(message.contains("sysctl -w fs.mqueue.msgsize_max=2048"), message);
    }

    /** A trial needs two queues: with room for one, the first is removed again and the error names queues_max. */
    @Test
    void queuesMaxReachedIsRefusedNamingTheSysctlAndLeavesNoQueue() {
        String message = trial("echo 1 > /proc/sys/fs/mqueue/queues_max", List.of("depth=1", "size=64")).refusal();
        assertTrue(message.contains("failed: ENOSPC: the system holds as many queues as fs.mqueue.queues_max = 1 allows"
                + " (/proc/sys/fs/mqueue/queues_max)"), message);
        assertTrue(message.contains("sysctl -w fs.mqueue.queues_max=2"), message);
    }

    @Test
    void twoQueuesAllowedAreEnough() {
        trial("echo 2 > /proc/sys/fs/mqueue/queues_max", List.of("depth=1", "size=64")).assertRan();
    }

    @Test
    void rlimitMsgqueueReachedIsRefusedNamingUlimit() {
        List<String> wrapper = List.of("prlimit", "--msgqueue=20000:20000");
        LimitedJvm.assumeWorks(wrapper);
        String message = LimitedJvm.trial(wrapper, MqueueMechanism.class, "mqueue", params(List.of("depth=10", "size=4096"))).refusal();
        assertTrue(message.contains("failed: EMFILE: this user's message queues may hold at most 20000 bytes (RLIMIT_MSGQUEUE),"
                + " and this queue needs 40960 for its messages"), message);
        assertTrue(message.contains("ulimit -q "), message);
    }

    /** A trial in a private IPC namespace set up by {@code setUp}, its queue filesystem mounted at {@link #queues}. */
    private LimitedJvm.Outcome trial(String setUp, List<String> params) {
        List<String> wrapper = new ArrayList<>(List.of("unshare", "--ipc", "--mount", "--propagation", "private"));
        wrapper.addAll(LimitedJvm.shell("mount -t mqueue ipcbench-test " + queues + " && " + setUp
                + " && export " + LimitedTrialMain.QUEUES_MOUNTED_AT + "=" + queues));
        wrapper.addAll(WITHOUT_CAP_SYS_RESOURCE);
        LimitedJvm.assumeWorks(wrapper);
        return LimitedJvm.trial(wrapper, MqueueMechanism.class, "mqueue", params(params));
    }

    private static List<String> params(List<String> more) {
        List<String> params = new ArrayList<>(List.of("api=POSIX", "wait=BLOCKING"));
        params.addAll(more);
        return params;
    }
}
