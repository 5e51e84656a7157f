package io.ipcbench.pipe;

import io.ipcbench.jmh.OneWayBenchmark;

/**
 * Messages streamed through an anonymous pipe to a peer that reads every byte and acknowledges
 * each batch through a second pipe. With small messages the sender fills the 64 KiB buffer and
 * the pair settles into batched wake-ups; with large ones every message is several
 * buffer-sized hand-offs. Counted: messages the peer consumed, not writes that returned.
 */
public class PipeThroughput extends OneWayBenchmark {
    public PipeThroughput() {
        super(new Pipe());
    }
}
