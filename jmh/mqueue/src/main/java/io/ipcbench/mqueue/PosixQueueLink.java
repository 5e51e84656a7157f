package io.ipcbench.mqueue;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.os.MessageQueues;

import java.lang.foreign.MemorySegment;

/** One process's end of two POSIX message queues: it sends into {@code out} and receives from {@code in} (see {@link PosixQueueEnd}). */
final class PosixQueueLink implements Link {
    private final PosixQueueEnd out;
    private final PosixQueueEnd in;

    /** {@code inMessageBytes}: mq_msgsize of queue {@code inName}. */
    PosixQueueLink(String outName, String inName, int inMessageBytes, FdWait wait, Liveness other) {
        this.out = new PosixQueueEnd(outName, MessageQueues.O_WRONLY, 0, wait, other);
        try {
            this.in = new PosixQueueEnd(inName, MessageQueues.O_RDONLY, inMessageBytes, wait, other);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    @Override
    public void send(MemorySegment message, int length) {
        out.send(message, length);
    }

    @Override
    public void receive(MemorySegment into, int length) {
        in.receive(into, length);
    }

    @Override
    public void close() {
        out.close();
        in.close();
    }
}
