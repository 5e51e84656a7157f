package io.ipcbench.pipe;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.SpinThenCheck;
import io.ipcbench.link.StreamLink;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Native;
import io.ipcbench.os.NativeException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A pipe link for {@link PipeCopy#VMSPLICE}: a send hands the pipe references to the message's own
 * pages with vmsplice(2), without copying its bytes; a receive is {@link StreamLink}'s read(2) loop,
 * which copies the bytes out of whatever pages the pipe holds. A pipe holds 16 page references by
 * default, so a message larger than 64 KiB goes in as several vmsplices, each returning once some
 * of it is in the pipe and waiting (or, polling, returning EAGAIN) while the pipe is full.
 * <p>
 * vmsplice's rule: the pipe holds the pages, not their bytes, so what the receiver reads is what
 * the pages hold when it reads them; a sender that rewrote a buffer whose pages were still in the
 * pipe would corrupt the message in flight. This link cannot know when the receiver has copied a
 * message out, so it says that it lends its pages ({@link #lendsPages}) and the traffic keeps the
 * rule: a round trip rewrites its message only after the whole reply came back (so the receiver
 * had read all of it), and a stream cycles through enough buffers that it rewrites one only after
 * the receiver acknowledged the batch that carried it (see {@code traffic.OneWay}). The other way
 * round, SPLICE_F_GIFT, would need whole, page-aligned buffers never used again: a fresh mapping
 * per message, whose page faults and zeroing cost about what the copy saved; and a gift changes
 * nothing for a receiver that read(2)s: it copies the bytes out either way.
 */
final class VmspliceLink implements Link {
    private static final int SPLICE_F_NONBLOCK = 2;
    // ssize_t vmsplice(int fd, const struct iovec *iov, size_t nr_segs, unsigned int flags);  iov as a raw address, allocated once
    private static final MethodHandle VMSPLICE = Native.errnoCall("vmsplice",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final long IOVEC_BYTES = 16;
    private static final long IOV_LEN = 8;

    private final StreamLink stream;
    private final int writeFd;
    private final int flags;
    private final Liveness other;
    private final SpinThenCheck spin;
    // freed with the link object: a watchdog closing the link must not free it under a send in progress
    private final MemorySegment iovec = Arena.ofAuto().allocate(IOVEC_BYTES, Long.BYTES);

    /** As {@link StreamLink}'s constructor; BUSY_POLL makes each vmsplice non-blocking (it ignores O_NONBLOCK). */
    VmspliceLink(int readFd, int writeFd, FdWait wait, Liveness other, int... spare) {
        this.stream = new StreamLink(readFd, writeFd, wait, other, spare);
        this.writeFd = writeFd;
        this.flags = wait == FdWait.BUSY_POLL ? SPLICE_F_NONBLOCK : 0;
        this.other = other;
        this.spin = new SpinThenCheck(other);
    }

    @Override
    public void send(MemorySegment message, int length) {
        long address = message.address();
        for (long done = 0; done < length; ) {
            iovec.set(JAVA_LONG, 0, address + done);
            iovec.set(JAVA_LONG, IOV_LEN, length - done);
            long n = vmsplice(writeFd, iovec.address(), flags);
            if (n >= 0) {
                done += n;
            } else if (n == -Errno.EAGAIN) {
                spin.idle("room in the pipe to splice into");
            } else if (n == -Errno.EPIPE) {
                throw other.gone("its end to take " + length + " bytes");
            } else if (n != -Errno.EINTR) {
                throw new NativeException("vmsplice(fd " + writeFd + ")", (int) -n);
            }
        }
    }

    /** True: a sent message's pages stay in the pipe until the receiver has read them. */
    @Override
    public boolean lendsPages() {
        return true;
    }

    @Override
    public void receive(MemorySegment into, int length) {
        stream.receive(into, length);
    }

    @Override
    public void connected() {
        stream.connected();
    }

    @Override
    public void close() {
        stream.close();
    }

    /** vmsplice(2) of one iovec: bytes spliced, or -errno. */
    private static long vmsplice(int fd, long iovec, int flags) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long n = (long) VMSPLICE.invokeExact(errno, fd, iovec, 1L, flags);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
