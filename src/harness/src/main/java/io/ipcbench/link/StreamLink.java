package io.ipcbench.link;

import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;

import java.lang.foreign.MemorySegment;

/**
 * A {@link Link} over two byte-stream file descriptors (pipes, FIFOs, stream sockets). A stream
 * keeps no message boundaries: one write may arrive in several reads and two writes in one, so
 * both directions loop until the whole message has moved. End of file or a broken pipe means
 * the other process is gone. With {@link FdWait#BUSY_POLL} the descriptors are non-blocking and
 * an EAGAIN is retried at once, checking the other side every few thousand tries.
 */
public final class StreamLink implements Link {
    private final int readFd;
    private final int writeFd;
    private final Liveness other;
    private final SpinThenCheck spin;
    private final int[] spare;

    /** {@code spare}: descriptors kept open only until the other side has connected (see {@link #connected}). */
    public StreamLink(int readFd, int writeFd, FdWait wait, Liveness other, int... spare) {
        this.readFd = readFd;
        this.writeFd = writeFd;
        this.other = other;
        this.spin = new SpinThenCheck(other);
        this.spare = spare.clone();
        if (wait == FdWait.BUSY_POLL) {
            Libc.setNonBlocking(readFd);
            Libc.setNonBlocking(writeFd);
        }
    }

    @Override
    public void send(MemorySegment message, int length) {
        long address = message.address();
        for (long done = 0; done < length; ) {
            long n = Libc.write(writeFd, address + done, length - done);
            if (n >= 0) {
                done += n;
            } else if (n == -Errno.EAGAIN) {
                spin.idle("room in the channel to write");
            } else if (n == -Errno.EPIPE) {
                throw other.gone("its end to take " + length + " bytes");
            } else if (n != -Errno.EINTR) {
                throw new NativeException("write(fd " + writeFd + ")", (int) -n);
            }
        }
    }

    @Override
    public void receive(MemorySegment into, int length) {
        long address = into.address();
        for (long done = 0; done < length; ) {
            long n = Libc.read(readFd, address + done, length - done);
            if (n > 0) {
                done += n;
            } else if (n == 0) {
                throw other.gone("a message of " + length + " bytes (" + done + " had arrived)");
            } else if (n == -Errno.EAGAIN) {
                spin.idle("the rest of a message");
            } else if (n != -Errno.EINTR) {
                throw new NativeException("read(fd " + readFd + ")", (int) -n);
            }
        }
    }

    /** Closes the descriptors kept for the benchmark side to duplicate: now only it holds the other ends. */
    @Override
    public void connected() {
        for (int fd : spare) {
            Libc.close(fd);
        }
    }

    @Override
    public void close() {
        Libc.close(readFd);
        if (writeFd != readFd) {
            Libc.close(writeFd);
        }
    }
}
