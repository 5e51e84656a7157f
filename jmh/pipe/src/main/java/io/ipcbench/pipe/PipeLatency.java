package io.ipcbench.pipe;

import io.ipcbench.jmh.RoundTripBenchmark;

/**
 * Round trip through two anonymous pipes: write(2) into one, the peer's read(2) wakes, it writes
 * the message back through the other. Isolates the pipe's copy in and out of the kernel buffer
 * plus one wake-up per direction; messages above the 64 KiB pipe buffer move in several
 * chunks, each a write that blocks until the reader has made room.
 * Pitfall avoided: the payload lives in native memory and moves with read/write on raw
 * descriptors, not through InputStream, whose extra copy into a Java array would be measured too.
 */
public class PipeLatency extends RoundTripBenchmark {
    public PipeLatency() {
        super(new Pipe());
    }
}
