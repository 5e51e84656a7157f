package io.ipcbench.traffic;

import io.ipcbench.link.Liveness;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.Sockets;

import java.lang.foreign.MemorySegment;

/**
 * One whole message over a connected stream socket whose blocking calls time out (SO_RCVTIMEO,
 * SO_SNDTIMEO): a stream may split a message, so both directions loop until it has moved, and
 * each timeout asks the other side's liveness before waiting on. A closed or reset connection
 * is reported to the caller, who knows what it means (a client gone, the server gone).
 */
final class StreamMessages {
    private StreamMessages() {}

    /** Reads {@code length} bytes into {@code into}; returns how many arrived before the other end closed ({@code length}: all). */
    static long read(int fd, MemorySegment into, int length, Liveness other, String waitingFor) {
        long address = into.address();
        long done = 0;
        while (done < length) {
            long n = Libc.read(fd, address + done, length - done);
            if (n > 0) {
                done += n;
            } else if (n == 0 || n == -Errno.ECONNRESET) {
                return done;
            } else if (n == -Errno.EAGAIN) {
                other.check(waitingFor);
            } else if (n != -Errno.EINTR) {
                throw new NativeException("read(fd " + fd + ")", (int) -n);
            }
        }
        return done;
    }

    /** Sends {@code length} bytes of {@code from}; false when the other end is closed. */
    static boolean send(int fd, MemorySegment from, int length, Liveness other, String waitingFor) {
        long address = from.address();
        for (long done = 0; done < length; ) {
            long n = Sockets.send(fd, address + done, length - done, Sockets.MSG_NOSIGNAL);
            if (n >= 0) {
                done += n;
            } else if (n == -Errno.EPIPE || n == -Errno.ECONNRESET) {
                return false;
            } else if (n == -Errno.EAGAIN) {
                other.check(waitingFor);
            } else if (n != -Errno.EINTR) {
                throw new NativeException("send(fd " + fd + ")", (int) -n);
            }
        }
        return true;
    }
}
