package io.ipcbench.uds;

import io.ipcbench.link.FdWait;
import io.ipcbench.os.Libc;
import io.ipcbench.os.Mmap;
import io.ipcbench.os.Sockets;
import io.ipcbench.traffic.MessagePattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a receiver of {@link Transfer#FD_PASSING} refuses before it reads a byte, each through the
 * real kernel with a SEQPACKET socket pair whose both ends this test holds: a message carrying two
 * descriptors (MSG_CTRUNC: the kernel installs the one there is room for and closes the other), a
 * memfd without seals, a descriptor that is no memfd, a message without a descriptor, a memfd
 * whose size differs from the one announced. Each is refused naming why, and leaves no descriptor
 * open in this process; a sealed memfd of the announced size is read whole.
 */
class FdPassingRefusalsTest {
    private static final int SIZE = 4096 + 100;

    private int[] pair;
    private FdPassingLink receiver;
    private Arena arena;
    private MemorySegment buffer;

    @BeforeEach
    void pair() {
        pair = Sockets.socketpair(Sockets.SOCK_SEQPACKET);
        receiver = new FdPassingLink(pair[1], SocketType.SEQPACKET, FdWait.BLOCKING, OwnEnds.LIVENESS);
        arena = Arena.ofConfined();
        buffer = arena.allocate(SIZE);
    }

    @AfterEach
    void close() {
        receiver.close();
        Libc.close(pair[0]);
        arena.close();
        assertEquals(0, OpenDescriptors.memfds(ProcessHandle.current().pid()), "memfds left open in this process");
    }

    @Test
    void aSealedMemfdOfTheAnnouncedSizeIsReadWhole() {
        passOne(SIZE, () -> sealed(SIZE, 7));
        receiver.receive(buffer, SIZE);
        MessagePattern.verify(buffer, SIZE, 7, "the passed memfd's bytes");
    }

    @Test
    void aMessageCarryingTwoDescriptorsIsRefusedAndBothAreClosed() {
        int first = sealed(SIZE, 0);
        int second = sealed(SIZE, 1);
        assertEquals(ScmRights.HEADER_BYTES, new ScmRights(2).sendAll(pair[0], SIZE, new int[] {first, second}, Sockets.MSG_NOSIGNAL));
        Libc.close(first);
        Libc.close(second);
        refused("MSG_CTRUNC");
    }

    @Test
    void aMemfdWithoutSealsIsRefused() {
        passOne(SIZE, () -> {
            int unsealed = Mmap.memfdCreate("ipcbench-unsealed");
            Mmap.truncate(unsealed, SIZE);
            return unsealed;
        });
        refused("is not a memfd sealed against writing, shrinking, growing and unsealing (F_GET_SEALS: 0x1)");
    }

    @Test
    void aDescriptorThatIsNoMemfdIsRefused() {
        int[] pipe = Libc.pipe2(Libc.O_CLOEXEC);
        Libc.close(pipe[1]);
        passOne(SIZE, () -> pipe[0]);
        refused("(F_GET_SEALS: EINVAL");
    }

    @Test
    void aMessageWithoutADescriptorIsRefused() {
        MemorySegment header = arena.allocate(ScmRights.HEADER_BYTES);
        assertEquals(ScmRights.HEADER_BYTES, Sockets.send(pair[0], header.address(), ScmRights.HEADER_BYTES, Sockets.MSG_NOSIGNAL));
        refused("a message arrived without a descriptor in SCM_RIGHTS");
    }

    @Test
    void aMemfdOfAnotherSizeThanAnnouncedIsRefused() {
        passOne(SIZE, () -> sealed(SIZE - 1, 0));
        refused("a sealed memfd of " + (SIZE - 1) + " bytes arrived where one of " + SIZE + " was due");
    }

    /** Sends the descriptor {@code made} returns, announced as {@code announced} bytes, and closes this process's copy. */
    private void passOne(int announced, IntSupplier made) {
        int fd = made.getAsInt();
        try {
            assertEquals(ScmRights.HEADER_BYTES, new ScmRights(1).send(pair[0], announced, fd, Sockets.MSG_NOSIGNAL));
        } finally {
            Libc.close(fd);
        }
    }

    private void refused(String why) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> receiver.receive(buffer, SIZE));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().startsWith("uds SEQPACKET FD_PASSING: "), e.getMessage());
    }

    /** A sealed memfd of {@code size} bytes holding message {@code seq}, as a sender makes one. */
    private int sealed(int size, long seq) {
        MemorySegment payload = arena.allocate(size);
        MessagePattern.fill(payload, size, seq);
        int fd = SealedMemfd.create();
        assertTrue(fd >= 0, "memfd_create: errno " + -fd);
        assertEquals(0, SealedMemfd.fillAndSeal(fd, payload.address(), size));
        return fd;
    }
}
