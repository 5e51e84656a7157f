package io.ipcbench.mqueue;

import org.junit.jupiter.api.Test;

/**
 * Fan-in through one System V queue with real producer processes ({@link QueueFanInContract}): the
 * faults matter most here, since a queue has no end of file and msgrcv no timeout, so a consumer
 * whose only producer died or stopped is woken only by the queue's removal. And the kernel's
 * per-message limit, kernel.msgmax, which binds every process, is refused by name.
 */
class SysvQueueFanInTest extends QueueFanInContract {
    @Override
    protected QueueApi api() {
        return QueueApi.SYSV;
    }

    @Test
    void aSizeBeyondMsgmaxIsRefused() {
        long msgmax = KernelLimits.SYSV_MSGMAX;
        assertRefused(params("size", Long.toString(msgmax + 1)),
                "size=" + (msgmax + 1) + " is unsupported on this kernel: a System V message queue carries messages of at most "
                        + msgmax + " bytes (/proc/sys/kernel/msgmax)");
    }
}
