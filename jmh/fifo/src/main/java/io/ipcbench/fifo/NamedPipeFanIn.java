package io.ipcbench.fifo;

import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.StreamFanIn;
import io.ipcbench.os.Fifos;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.NativeException;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fan-in through one FIFO with N writers ({@link StreamFanIn}): made with mkfifo(3) (0600) in a
 * private 0700 directory, opened by path by every producer, as unrelated processes would. The
 * benchmark JVM opens the read end first (O_NONBLOCK, so the open does not wait for a writer),
 * then its spare write end, which succeeds at once now that a reader exists; each producer opens
 * its write end the same way, retrying ENXIO as {@link FifoMechanism#openForWriting} does. Once
 * open, a FIFO is a pipe: the same atomic writes up to PIPE_BUF, the same interleaving above.
 */
public final class NamedPipeFanIn extends StreamFanIn {
    private static final String PATH = "fifo.path";
    private static final String FILE = "fan-in";
    private static final int MODE = 0600;

    @Override
    public String name() {
        return "fifo";
    }

    @Override
    protected Ends create(NamedObjects names) {
        Path path = names.createPrivateDirectory("fifo").resolve(FILE);
        Fifos.mkfifo(path, MODE);
        int read = Fifos.open(path, Fifos.O_RDONLY | Fifos.O_NONBLOCK);
        if (read < 0) {
            throw new NativeException("open(" + path + ", O_RDONLY|O_NONBLOCK)", -read);
        }
        int write = Fifos.open(path, Fifos.O_WRONLY | Fifos.O_NONBLOCK);
        if (write < 0) {
            Libc.close(read);
            throw new NativeException("open(" + path + ", O_WRONLY|O_NONBLOCK)", -write);
        }
        Libc.setBlocking(read);
        return new Ends(read, write, Map.of(PATH, path.toString()));
    }

    @Override
    protected int openWriteEnd(Map<String, String> offered, Liveness consumer) {
        int fd = FifoMechanism.openForWriting(Path.of(offered.get(PATH)), consumer,
                TimeUnit.SECONDS.toNanos(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS));
        Libc.setBlocking(fd);
        return fd;
    }
}
