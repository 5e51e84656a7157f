package io.ipcbench.uds;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A {@link Link} over a connected Unix domain stream socket, through java.nio. Payloads move
 * between the caller's native segments and the kernel through {@code asByteBuffer()} views
 * (direct buffers over the same memory: no copy into the Java heap); a view is made when a
 * segment is first seen and reused while the caller passes the same segment, which the traffic
 * loops do, so no message allocates. A stream keeps no boundaries: both directions loop until
 * the whole message has moved. With {@link FdWait#BUSY_POLL} the channel is non-blocking and a
 * read or write of 0 bytes is retried at once, checking the other side every few thousand tries.
 */
final class ChannelLink implements Link {
    private static final int SPINS_PER_CHECK = 1 << 12;

    private final SocketChannel channel;
    private final Liveness other;
    private MemorySegment sendSegment;
    private ByteBuffer sendView;
    private MemorySegment receiveSegment;
    private ByteBuffer receiveView;
    private int tries;

    ChannelLink(SocketChannel channel, FdWait wait, Liveness other) {
        this.channel = channel;
        this.other = other;
        try {
            channel.configureBlocking(wait == FdWait.BLOCKING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the blocking mode of " + channel, e);
        }
    }

    @Override
    public void send(MemorySegment message, int length) {
        if (message != sendSegment) {
            sendSegment = message;
            sendView = message.asByteBuffer();
        }
        ByteBuffer view = sendView.clear().limit(length);
        try {
            while (view.hasRemaining()) {
                if (channel.write(view) == 0) {
                    spinOnce("room in the socket to write");
                }
            }
        } catch (IOException e) {
            throw gone("its end to take " + length + " bytes", e);
        }
    }

    @Override
    public void receive(MemorySegment into, int length) {
        if (into != receiveSegment) {
            receiveSegment = into;
            receiveView = into.asByteBuffer();
        }
        ByteBuffer view = receiveView.clear().limit(length);
        try {
            while (view.hasRemaining()) {
                int n = channel.read(view);
                if (n < 0) {
                    throw other.gone("a message of " + length + " bytes (" + view.position() + " had arrived)");
                }
                if (n == 0) {
                    spinOnce("the rest of a message");
                }
            }
        } catch (IOException e) {
            throw gone("a message of " + length + " bytes", e);
        }
    }

    /** One busy-poll turn; {@code waitingFor} is a constant so that a turn allocates nothing. */
    private void spinOnce(String waitingFor) {
        Thread.onSpinWait();
        if (++tries % SPINS_PER_CHECK == 0) {
            other.check(waitingFor);
        }
    }

    /** A reset or broken connection means the other process closed its end or died. */
    private RuntimeException gone(String waitingFor, IOException cause) {
        RuntimeException failure = other.gone(waitingFor);
        failure.addSuppressed(cause);
        return failure;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket whose other end is gone: nothing left to release
        }
    }
}
