package io.ipcbench.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A {@link Link} over two NIO byte-stream channels (a TCP socket, a Unix-domain stream socket,
 * NIO pipes): the {@link StreamLink} of channels. A stream keeps no message boundaries, so both
 * directions loop until the whole message has moved. Payloads go between the native message
 * segments and the kernel through {@code asByteBuffer()} views, one per direction, made when a
 * segment is first seen and reused with position and limit: no copy into a Java array, no
 * allocation per message (the traffic passes the same segment every time). End of stream, a
 * reset or a broken connection means the other side is gone. With {@link FdWait#BUSY_POLL} the
 * channels are non-blocking and a read or write that moved nothing is retried at once.
 */
public final class NioStreamLink implements Link {
    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    private final Liveness other;
    private final SpinThenCheck spin;
    private MemorySegment sendSegment;
    private ByteBuffer sendView;
    private MemorySegment receiveSegment;
    private ByteBuffer receiveView;

    /** {@code in} and {@code out} may be the same channel (a socket). */
    public <R extends SelectableChannel & ReadableByteChannel, W extends SelectableChannel & WritableByteChannel>
    NioStreamLink(R in, W out, FdWait wait, Liveness other) {
        this.in = in;
        this.out = out;
        this.other = other;
        this.spin = new SpinThenCheck(other);
        try {
            in.configureBlocking(wait == FdWait.BLOCKING);
            out.configureBlocking(wait == FdWait.BLOCKING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the channels " + (wait == FdWait.BLOCKING ? "blocking" : "non-blocking"), e);
        }
    }

    @Override
    public void send(MemorySegment message, int length) {
        if (message != sendSegment) {
            sendSegment = message;
            sendView = message.asByteBuffer();
        }
        ByteBuffer buffer = sendView.clear().limit(length);
        try {
            while (buffer.hasRemaining()) {
                if (out.write(buffer) == 0) {
                    spin.idle("room in the connection to write");
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
        ByteBuffer buffer = receiveView.clear().limit(length);
        try {
            while (buffer.hasRemaining()) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw other.gone("a message of " + length + " bytes (" + buffer.position() + " had arrived; end of stream)");
                }
                if (n == 0) {
                    spin.idle("the rest of a message");
                }
            }
        } catch (IOException e) {
            throw gone("a message of " + length + " bytes (" + buffer.position() + " had arrived)", e);
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
        closeQuietly(in);
        closeQuietly(out);
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a connection the other side already dropped: nothing left to release
        }
    }
}
