package io.ipcbench.uds;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.NioStreamLink;
import io.ipcbench.link.Params;
import io.ipcbench.link.SetUpWait;
import io.ipcbench.os.NamedObjects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * type=STREAM set-up, all java.nio: the benchmark side listens on {@code <dir>/stream}, the peer
 * connects by path, the benchmark side accepts without blocking (retried, checking the peer)
 * and then closes the listener and unlinks its file: nobody else can connect afterwards.
 */
final class StreamSockets {
    private static final String SOCKET_FILE = "stream";

    private StreamSockets() {}

    static Mechanism.Offer offer(Path directory, Params params, NamedObjects names) {
        Path path = directory.resolve(SOCKET_FILE);
        ServerSocketChannel listener = listen(path);
        names.onClose(() -> closeQuietly(listener));
        return new Mechanism.Offer() {
            @Override
            public Map<String, String> forPeer() {
                return Map.of(UdsMechanism.DIRECTORY, directory.toString());
            }

            @Override
            public NioStreamLink connect(ForkedPeer peer, Liveness peerLiveness) {
                SocketChannel channel = SetUpWait.until("the peer to connect to " + path, peerLiveness,
                        TimeUnit.SECONDS.toNanos(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS), () -> accept(listener));
                closeQuietly(listener);
                UdsMechanism.unlink(path);
                return new NioStreamLink(channel, channel, FdWait.of(params), peerLiveness);
            }
        };
    }

    static NioStreamLink attach(Path directory, Params params, Liveness benchmark) {
        Path path = directory.resolve(SOCKET_FILE);
        try {
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
            return new NioStreamLink(channel, channel, FdWait.of(params), benchmark);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + path, e);
        }
    }

    private static ServerSocketChannel listen(Path path) {
        try {
            ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            UdsMechanism.unlink(path);
            listener.bind(UnixDomainSocketAddress.of(path), 1);
            UdsMechanism.restrict(path);
            listener.configureBlocking(false);
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + path, e);
        }
    }

    /** The connected channel, or null while the peer has not connected yet. */
    private static SocketChannel accept(ServerSocketChannel listener) {
        try {
            return listener.accept();
        } catch (IOException e) {
            throw new UncheckedIOException("accept on " + listener, e);
        }
    }

    private static void closeQuietly(ServerSocketChannel listener) {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed, or the directory went first: nothing left to release
        }
    }
}
