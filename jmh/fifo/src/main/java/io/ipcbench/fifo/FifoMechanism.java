package io.ipcbench.fifo;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.SetUpWait;
import io.ipcbench.link.StreamLink;
import io.ipcbench.link.Variant;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Fifos;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.NativeException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Named pipes: two FIFOs, one per direction, made with mkfifo(3) (0600) in a private 0700
 * directory. The peer opens them by path, as an unrelated process would; no descriptor is passed.
 * Once open a FIFO is a pipe, so the data path is {@link StreamLink}'s, as for anonymous pipes.
 * <p>
 * A plain open(2) of a FIFO sleeps until the other end is opened too, unbounded. So each side
 * first opens its read end O_NONBLOCK (which succeeds at once), then tries its write end
 * O_WRONLY|O_NONBLOCK, which fails with ENXIO until the other side's read end exists: retried,
 * checking the other process, within the handshake deadline. Both sides open their read ends
 * first, so neither waits for the other forever. wait=BLOCKING then clears O_NONBLOCK.
 */
public final class FifoMechanism implements Mechanism {
    static final String DIRECTORY = "fifo.dir";
    static final String TO_PEER = "to-peer";
    static final String FROM_PEER = "from-peer";
    private static final int MODE = 0600;

    @Override
    public String name() {
        return "fifo";
    }

    /** Both waits. */
    @Override
    public List<Variant> variants() {
        return Variant.bothShapes(Variant.waits());
    }

    @Override
    public void validate(Params params) {
        FdWait.of(params);
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        Path directory = names.createPrivateDirectory("fifo");
        Fifos.mkfifo(directory.resolve(TO_PEER), MODE);
        Fifos.mkfifo(directory.resolve(FROM_PEER), MODE);
        return new Offer() {
            @Override
            public Map<String, String> forPeer() {
                return Map.of(DIRECTORY, directory.toString());
            }

            @Override
            public StreamLink connect(ForkedPeer peer, Liveness peerLiveness) {
                return open(directory.resolve(FROM_PEER), directory.resolve(TO_PEER), FdWait.of(params), peerLiveness);
            }
        };
    }

    @Override
    public StreamLink attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        Path directory = Path.of(offered.get(DIRECTORY));
        return open(directory.resolve(TO_PEER), directory.resolve(FROM_PEER), FdWait.of(params), benchmark);
    }

    private static StreamLink open(Path readPath, Path writePath, FdWait wait, Liveness other) {
        int readFd = Fifos.open(readPath, Fifos.O_RDONLY | Fifos.O_NONBLOCK);
        if (readFd < 0) {
            throw new NativeException("open(" + readPath + ", O_RDONLY|O_NONBLOCK)", -readFd);
        }
        try {
            int writeFd = openForWriting(writePath, other, TimeUnit.SECONDS.toNanos(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS));
            if (wait == FdWait.BLOCKING) {
                Libc.setBlocking(readFd);
                Libc.setBlocking(writeFd);
            }
            return new StreamLink(readFd, writeFd, wait, other);
        } catch (RuntimeException e) {
            Libc.close(readFd);
            throw e;
        }
    }

    /** Opens the write end once the other process has opened the read end, checking it while waiting. */
    static int openForWriting(Path path, Liveness other, long timeoutNanos) {
        return SetUpWait.until("the other process to open " + path + " for reading", other, timeoutNanos, () -> {
            int fd = Fifos.open(path, Fifos.O_WRONLY | Fifos.O_NONBLOCK);
            if (fd >= 0) {
                return fd;
            }
            if (fd == -Errno.ENXIO || fd == -Errno.EINTR) {
                return null;
            }
            throw new NativeException("open(" + path + ", O_WRONLY|O_NONBLOCK)", -fd);
        });
    }
}
