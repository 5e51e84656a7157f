package io.ipcbench.traffic;

import io.ipcbench.link.Link;
import io.ipcbench.link.Messages;
import io.ipcbench.link.Params;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What both traffic shapes hold on the benchmark side: the trial and its link, and the
 * message buffer, allocated once. Buffers are page-aligned on both sides, as a C program's would
 * be from mmap or posix_memalign.
 */
public abstract sealed class Traffic implements AutoCloseable permits RoundTrip, OneWay {
    static final long ALIGNMENT = 4096;

    final Trial trial;
    final Link link;
    final int size;
    final Arena arena = Arena.ofShared();
    final MemorySegment message;

    Traffic(Trial trial) {
        this.trial = trial;
        this.link = trial.link();
        this.size = trial.messages().payload();
        this.message = arena.allocate(size, ALIGNMENT);
        MessagePattern.fill(message, size, 0);
    }

    /** What this traffic runs over: a peer session, or the in-process floors' rings. */
    public Trial trial() {
        return trial;
    }

    public Params params() {
        return trial.params();
    }

    public Messages messages() {
        return trial.messages();
    }

    public void pinBenchmarkThread() {
        trial.pinBenchmarkThread();
    }

    @Override
    public void close() {
        trial.close();
        arena.close();
    }
}
