package io.ipcbench.mqueue;


import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

class MqueueSysvTest extends MqueueContract {
    @Override
    QueueApi api() {
        return QueueApi.SYSV;
    }

    /** 4 x 4096 bytes is exactly a default queue's 16384-byte limit (kernel.msgmnb). */
    @Override
    List<Integer> depths() {
        return List.of(1, 4);
    }

    @Override
    long messageLimit() {
        return KernelLimits.SYSV_MSGMAX;
    }

    @Override
    String messageLimitFile() {
        return "/proc/sys/kernel/msgmax";
    }

    /** Beyond the message limit, the queue's byte limit: depth x size may not exceed msgmnb unless this process may raise it. */
    @Override
    protected Optional<String> refusedOnThisKernel(Map<String, String> variant, int size) {
        Optional<String> bySize = super.refusedOnThisKernel(variant, size);
        long bytes = Long.parseLong(variant.get("depth")) * Math.max(size, 8);
        if (bySize.isEmpty() && bytes > KernelLimits.SYSV_MSGMNB && !KernelLimits.mayRaiseQueueBytes()) {
            return Optional.of("holds at most " + KernelLimits.SYSV_MSGMNB + " (/proc/sys/kernel/msgmnb)");
        }
        return bySize;
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        Stream<Map.Entry<Map<String, String>, String>> sizes = Stream.concat(commonInvalid(), Stream.of(
                Map.entry(with(variant("BLOCKING", 1), "size", "65537"), "raise the limit with sysctl -w kernel.msgmax=65537")));
        if (KernelLimits.mayRaiseQueueBytes()) {
            return sizes;
        }
        long depth = KernelLimits.SYSV_MSGMNB / 64 + 1;
        return Stream.concat(sizes, Stream.of(Map.entry(with(variant("BLOCKING", (int) depth), "size", "64"),
                "depth=" + depth + " messages of size=64 need " + depth * 64 + " bytes per queue, and a System V message queue holds at most "
                        + KernelLimits.SYSV_MSGMNB + " (/proc/sys/kernel/msgmnb); this process lacks CAP_SYS_RESOURCE")));
    }
}
