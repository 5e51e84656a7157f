package io.ipcbench.pipe;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.FdWait;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.link.StreamLink;
import io.ipcbench.os.Fifos;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.NativeException;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fan-in through one anonymous pipe with N writers. The benchmark JVM creates the pipe; each
 * producer opens the write end through /proc/&lt;benchmark pid&gt;/fd/&lt;n&gt; (the same pipe, a
 * new open file; /proc needs only read access to the process, which Yama does not restrict), and
 * once every producer has, the benchmark closes its own write end, so that the read end sees end
 * of file when the last producer is gone. Every write is one whole message and blocks while the
 * pipe is full. POSIX makes a write of at most PIPE_BUF (4096 bytes on Linux) atomic; a larger one
 * may be split where the pipe's buffer pages fill, and the parts interleaved with other producers':
 * the consumer reads a byte stream whose every word names its producer ({@link FanIn.Framing#WORDS}),
 * reassembles each producer's messages and counts those that arrived in parts.
 */
public final class SharedPipeFanIn implements FanIn {
    private static final String PARENT = "pipe.parent";
    private static final String WRITE_FD = "pipe.write-fd";

    @Override
    public String name() {
        return "pipe";
    }

    @Override
    public Framing framing(Params params) {
        return Framing.WORDS;
    }

    /** No limit of its own: each producer holds one descriptor, in its own process. */
    @Override
    public void validate(Params params, int producers) {
    }

    @Override
    public Offer offer(Params params, int producers, NamedObjects names) {
        Ends ends = new Ends(Libc.pipe2(Libc.O_CLOEXEC));
        names.onClose(ends::close);
        return new Offer() {
            @Override
            public Map<String, String> forProducers() {
                return Map.of(PARENT, Long.toString(ProcessHandle.current().pid()), WRITE_FD, Integer.toString(ends.write));
            }

            @Override
            public Receiver connect(Liveness liveness) {
                StreamLink reader = new StreamLink(ends.read, ends.read, FdWait.BLOCKING, liveness);
                return new Receiver() {
                    @Override
                    public void receive(MemorySegment into, int length) {
                        reader.receive(into, length);
                    }

                    @Override
                    public void producersAttached() {
                        ends.closeWriteEnd();
                    }

                    @Override
                    public void close() {
                        ends.close();
                    }
                };
            }
        };
    }

    /** The benchmark JVM's two ends, each closed once, whichever path closes it: the consumer, or the trial's clean-up. */
    private static final class Ends {
        final int read;
        final int write;
        private boolean readOpen = true;
        private boolean writeOpen = true;

        Ends(int[] pipe) {
            this.read = pipe[0];
            this.write = pipe[1];
        }

        synchronized void closeWriteEnd() {
            if (writeOpen) {
                writeOpen = false;
                Libc.close(write);
            }
        }

        synchronized void close() {
            closeWriteEnd();
            if (readOpen) {
                readOpen = false;
                Libc.close(read);
            }
        }
    }

    @Override
    public Sender attachProducer(Params params, Map<String, String> offered, Liveness consumer) {
        Path writeEnd = Path.of("/proc", offered.get(PARENT), "fd", offered.get(WRITE_FD));
        int fd = Fifos.open(writeEnd, Fifos.O_WRONLY);
        if (fd < 0) {
            throw new NativeException("open(" + writeEnd + ", O_WRONLY)", -fd);
        }
        return new StreamLink(fd, fd, FdWait.BLOCKING, consumer)::send;
    }
}
