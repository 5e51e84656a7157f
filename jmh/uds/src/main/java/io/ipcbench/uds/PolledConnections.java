package io.ipcbench.uds;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.SetUpWait;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.Sockets;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The consumer's end of a SEQPACKET fan-in: one connection per producer, accepted once every
 * producer has connected (each connects before it reports ready), then the listener closed and
 * its file removed, and the connections waited on together with poll(2) ({@link PollSet}). After
 * each poll the consumer takes one message from every connection it found ready, in order, before
 * polling again: a producer that always has a message waiting gets one turn a round, as each of
 * the others does. A receive is recv(2) with MSG_DONTWAIT|MSG_TRUNC, one message whole, its real
 * length checked. The poll gives up every {@value #TIMED_WAIT_MILLIS} ms and checks the producers;
 * a connection's end of file is its producer's exit. Nothing is allocated per message.
 */
final class PolledConnections implements FanIn.Receiver {
    private static final int TIMED_WAIT_MILLIS = 200;
    private static final String WAITING_FOR = "a message from any producer";

    private final SetUpSocket listener;
    private final Path path;
    private final Liveness producers;
    private final int[] connections;
    private int accepted;
    private PollSet polled;
    /** The next connection to look at after the last poll. */
    private int next;

    PolledConnections(SetUpSocket listener, Path path, int producers, Liveness liveness) {
        this.listener = listener;
        this.path = path;
        this.producers = liveness;
        this.connections = new int[producers];
    }

    @Override
    public void producersAttached() {
        while (accepted < connections.length) {
            connections[accepted] = SetUpWait.until("connection " + (accepted + 1) + " of " + connections.length + " to " + path,
                    producers, NativeSockets.handshakeNanos(), () -> NativeSockets.accept(listener.fd()));
            accepted++;
        }
        listener.close();
        UdsMechanism.unlink(path);
        polled = new PollSet(connections);
        next = connections.length;
    }

    @Override
    public void receive(MemorySegment into, int length) {
        while (true) {
            while (next < connections.length) {
                int i = next++;
                if (polled.ready(i) && received(connections[i], into, length)) {
                    return;
                }
            }
            int n = polled.poll(TIMED_WAIT_MILLIS);
            if (n == 0) {
                producers.check(WAITING_FOR);
            } else if (n < 0 && n != -Errno.EINTR) {
                throw new NativeException("poll(" + connections.length + " connections)", -n);
            }
            next = 0;
        }
    }

    /** One message from a connection poll found ready: true when it came, false when there was none after all. */
    private boolean received(int fd, MemorySegment into, int length) {
        long n = Sockets.recv(fd, into.address(), length, Sockets.MSG_DONTWAIT | Sockets.MSG_TRUNC);
        if (n == length) {
            return true;
        }
        if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
            return false;
        }
        if (n == 0 || n == -Errno.ECONNRESET) {
            throw producers.gone(WAITING_FOR);
        }
        if (n < 0) {
            throw new NativeException("recv(fd " + fd + ", " + length + " bytes)", (int) -n);
        }
        throw new IllegalStateException("uds SEQPACKET: a message of " + n + " bytes arrived where one of " + length
                + " was due: the producers' message boundaries differ from the consumer's");
    }

    @Override
    public void close() {
        listener.close();
        Arrays.stream(connections, 0, accepted).forEach(Libc::close);
        accepted = 0;
    }
}
