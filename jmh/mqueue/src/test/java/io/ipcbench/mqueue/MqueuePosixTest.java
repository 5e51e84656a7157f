package io.ipcbench.mqueue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

class MqueuePosixTest extends MqueueContract {
    @Override
    QueueApi api() {
        return QueueApi.POSIX;
    }

    @Override
    List<Integer> depths() {
        return List.of(1, (int) KernelLimits.POSIX_MSG_MAX);
    }

    @Override
    long messageLimit() {
        return KernelLimits.POSIX_MSGSIZE_MAX;
    }

    @Override
    String messageLimitFile() {
        return "/proc/sys/fs/mqueue/msgsize_max";
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        long tooDeep = KernelLimits.POSIX_MSG_MAX + 1;
        return Stream.concat(commonInvalid(), Stream.of(
                Map.entry(with(variant("BLOCKING", (int) tooDeep), "size", "64"),
                        "depth=" + tooDeep + " is unsupported on this kernel: a POSIX message queue holds at most "
                                + KernelLimits.POSIX_MSG_MAX + " messages (/proc/sys/fs/mqueue/msg_max); raise it with sysctl -w fs.mqueue.msg_max=" + tooDeep),
                Map.entry(with(variant("BUSY_POLL", 1), "size", "65537"),
                        "raise the limit with sysctl -w fs.mqueue.msgsize_max=65537")));
    }
}
