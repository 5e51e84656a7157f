package io.ipcbench.link;

import io.ipcbench.traffic.MessagePattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stream framing over a real loopback TCP connection: a raw socket writes, a NioStreamLink reads. */
class NioStreamLinkTest {
    private static final Liveness NOBODY_DIES = new Liveness() {
        @Override
        public void check(String waitingFor) {}

        @Override
        public RuntimeException gone(String waitingFor) {
            return new IllegalStateException("gone while waiting for " + waitingFor);
        }
    };

    private final Arena arena = Arena.ofShared();
    private SocketChannel writer;
    private SocketChannel reader;

    @BeforeEach
    void connect() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            writer = SocketChannel.open(server.getLocalAddress());
            reader = server.accept();
        }
    }

    @AfterEach
    void close() throws IOException {
        writer.close();
        reader.close();
        arena.close();
    }

    @ParameterizedTest
    @EnumSource(FdWait.class)
    void twoWritesArrivingAsOneReadAreSplitIntoTheRightMessages(FdWait wait) throws IOException {
        int size = 100;
        writeWhole(message(size, 0));
        writeWhole(message(size, 1));
        assertEquals(2 * size, queuedBytes(2 * size), "both messages wait in one receive queue");
        try (NioStreamLink link = new NioStreamLink(reader, reader, wait, NOBODY_DIES)) {
            MemorySegment into = arena.allocate(size);
            link.receive(into, size);
            MessagePattern.verify(into, size, 0, "first receive");
            link.receive(into, size);
            MessagePattern.verify(into, size, 1, "second receive");
        }
    }

    @ParameterizedTest
    @EnumSource(FdWait.class)
    void aMessageWrittenInPiecesIsReceivedOnlyWhenWhole(FdWait wait) throws Exception {
        int size = 3000;
        ByteBuffer whole = message(size, 7);
        int[] ends = {1, 1000, 2999, size};
        AtomicBoolean lastPieceSent = new AtomicBoolean();
        CompletableFuture<Void> pieces = CompletableFuture.runAsync(() -> {
            int from = 0;
            for (int end : ends) {
                try {
                    Thread.sleep(50);
                    lastPieceSent.set(end == size);
                    writeWhole(whole.slice(from, end - from));
                    from = end;
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        try (NioStreamLink link = new NioStreamLink(reader, reader, wait, NOBODY_DIES)) {
            MemorySegment into = arena.allocate(size);
            link.receive(into, size);
            assertTrue(lastPieceSent.get(), "returned only once the last piece was sent");
            MessagePattern.verify(into, size, 7, "reassembled message");
        }
        pieces.get(1, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(FdWait.class)
    void theOtherSideClosingMidMessageIsReportedAsGone(FdWait wait) throws IOException {
        writeWhole(message(10, 0));
        writer.close();
        try (NioStreamLink link = new NioStreamLink(reader, reader, wait, NOBODY_DIES)) {
            MemorySegment into = arena.allocate(64);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> link.receive(into, 64));
            assertTrue(e.getMessage().contains("10 had arrived; end of stream"), e.getMessage());
        }
        assertFalse(reader.isOpen(), "the link closed its channel");
    }

    private ByteBuffer message(int size, long seq) {
        MemorySegment m = arena.allocate(size);
        MessagePattern.fill(m, size, seq);
        return m.asByteBuffer();
    }

    private void writeWhole(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            writer.write(buffer);
        }
    }

    /** Bytes waiting in the reader's receive queue (FIONREAD), once {@code expected} have landed or after a second. */
    private int queuedBytes(int expected) throws IOException {
        InputStream in = reader.socket().getInputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (in.available() < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return in.available();
    }
}
