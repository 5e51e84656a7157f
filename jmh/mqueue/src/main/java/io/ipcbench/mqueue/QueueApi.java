package io.ipcbench.mqueue;

/** The {@code api} parameter: which of Linux's two message-queue interfaces carries the messages. */
public enum QueueApi {
    /** mq_open/mq_timedsend/mq_timedreceive: named queues, descriptors, a per-queue message count and size. */
    POSIX,
    /** msgget/msgsnd/msgrcv: numbered queues, a long type before every message, a per-queue byte limit. */
    SYSV
}
