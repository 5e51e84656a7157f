package io.ipcbench.link;

import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;

import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * Fan-in through one pipe with N writers, however the producers reach it (an anonymous pipe
 * through /proc, a FIFO by path). The benchmark JVM holds the read end and a spare write end,
 * which it closes once every producer has opened its own, so that the read end sees end of file
 * when the last producer is gone. Every write is one whole message and blocks while the pipe is
 * full. POSIX makes a write of at most PIPE_BUF (4096 bytes on Linux) atomic; a larger one may be
 * split where the pipe's buffer pages fill, and the parts interleaved with other producers': the
 * consumer reads a byte stream whose every word names its producer ({@link FanIn.Framing#WORDS}),
 * reassembles each producer's messages and counts those that arrived in parts.
 */
public abstract class StreamFanIn implements FanIn {
    @Override
    public final Framing framing(Params params) {
        return Framing.WORDS;
    }

    /** No limit of its own: each producer holds one descriptor, in its own process. */
    @Override
    public final void validate(Params params, int producers) {
    }

    /** Creates the pipe: its blocking read end, a spare write end, and what a producer needs to open its own write end. */
    protected abstract Ends create(NamedObjects names);

    /** A producer's write end of the pipe {@link #create} made, blocking; {@code consumer} bounds any wait to open it. */
    protected abstract int openWriteEnd(Map<String, String> offered, Liveness consumer);

    @Override
    public final Offer offer(Params params, int producers, NamedObjects names) {
        Ends ends = create(names);
        names.onClose(ends::close);
        return new Offer() {
            @Override
            public Map<String, String> forProducers() {
                return ends.forProducers;
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

    @Override
    public final Sender attachProducer(Params params, Map<String, String> offered, Liveness consumer) {
        int fd = openWriteEnd(offered, consumer);
        return new StreamLink(fd, fd, FdWait.BLOCKING, consumer)::send;
    }

    /** The benchmark JVM's two ends, each closed once, whichever path closes it: the consumer, or the trial's clean-up. */
    protected static final class Ends {
        private final int read;
        private final int write;
        private final Map<String, String> forProducers;
        private boolean readOpen = true;
        private boolean writeOpen = true;

        /** {@code read}: blocking; {@code forProducers}: the key=value pairs each producer gets to open its write end. */
        public Ends(int read, int write, Map<String, String> forProducers) {
            this.read = read;
            this.write = write;
            this.forProducers = Map.copyOf(forProducers);
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
}
