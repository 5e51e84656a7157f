package io.ipcbench.pipe;

import io.ipcbench.link.Liveness;
import io.ipcbench.link.StreamFanIn;
import io.ipcbench.os.Fifos;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.NativeException;

import java.nio.file.Path;
import java.util.Map;

/**
 * Fan-in through one anonymous pipe with N writers ({@link StreamFanIn}). The benchmark JVM
 * creates the pipe; each producer opens the write end through /proc/&lt;benchmark pid&gt;/fd/&lt;n&gt;
 * (the same pipe, a new open file; /proc needs only read access to the process, which Yama does
 * not restrict).
 */
public final class SharedPipeFanIn extends StreamFanIn {
    private static final String PARENT = "pipe.parent";
    private static final String WRITE_FD = "pipe.write-fd";

    @Override
    public String name() {
        return "pipe";
    }

    @Override
    protected Ends create(NamedObjects names) {
        int[] pipe = Libc.pipe2(Libc.O_CLOEXEC);
        return new Ends(pipe[0], pipe[1], Map.of(PARENT, Long.toString(ProcessHandle.current().pid()), WRITE_FD, Integer.toString(pipe[1])));
    }

    @Override
    protected int openWriteEnd(Map<String, String> offered, Liveness consumer) {
        Path writeEnd = Path.of("/proc", offered.get(PARENT), "fd", offered.get(WRITE_FD));
        int fd = Fifos.open(writeEnd, Fifos.O_WRONLY);
        if (fd < 0) {
            throw new NativeException("open(" + writeEnd + ", O_WRONLY)", -fd);
        }
        return fd;
    }
}
