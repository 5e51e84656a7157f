package io.ipcbench.pipe;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.StreamLink;
import io.ipcbench.os.Libc;
import io.ipcbench.traffic.MessagePattern;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Why {@link PipeCopy#VMSPLICE} needs a reuse policy, shown on this kernel with one pipe whose both
 * ends this test holds: a message is sent, its buffer rewritten with the next message, and only then
 * read. After write(2) the reader gets what was sent; after vmsplice(2) it gets the rewritten bytes,
 * because the pipe held the sender's pages, not a copy. Nothing here is timed: the read comes after
 * the rewrite by construction.
 */
class VmspliceLinkTest {
    private static final int SIZE = 3 * 4096 + 100;

    private static final Liveness NEVER_GONE = new Liveness() {
        @Override
        public void check(String waitingFor) {}

        @Override
        public RuntimeException gone(String waitingFor) {
            return new IllegalStateException("the pipe's other end is this test's own: " + waitingFor);
        }
    };

    @Test
    void aBufferRewrittenWhileThePipeHoldsItsPagesIsWhatTheReaderGets() {
        int[] fds = Libc.pipe2(Libc.O_CLOEXEC);
        try (Link link = new VmspliceLink(fds[0], fds[1], FdWait.BLOCKING, NEVER_GONE)) {
            assertTrue(link.lendsPages(), "a vmsplice link says that it lends its pages");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sendRewriteRead(link));
            assertTrue(e.getMessage().contains("carries sequence number 1"), e.getMessage());
        }
    }

    @Test
    void aBufferRewrittenAfterWriteLeavesTheSentBytesIntact() {
        int[] fds = Libc.pipe2(Libc.O_CLOEXEC);
        try (Link link = new StreamLink(fds[0], fds[1], FdWait.BLOCKING, NEVER_GONE)) {
            assertFalse(link.lendsPages(), "a write(2) link copies");
            assertDoesNotThrow(() -> sendRewriteRead(link));
        }
    }

    /** Sends message 0, rewrites its buffer with message 1, reads, and checks that message 0 arrived. */
    private static void sendRewriteRead(Link link) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment message = arena.allocate(SIZE, 4096);
            MemorySegment received = arena.allocate(SIZE, 4096);
            MessagePattern.fill(message, SIZE, 0);
            link.send(message, SIZE);
            MessagePattern.fill(message, SIZE, 1);
            link.receive(received, SIZE);
            MessagePattern.verify(received, SIZE, 0, "the message read after its buffer was rewritten");
        }
    }
}
