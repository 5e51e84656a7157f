package io.ipcbench.traffic;

import io.ipcbench.link.Link;
import io.ipcbench.link.Messages;
import io.ipcbench.link.Params;

/**
 * One trial as its traffic sees it, from the benchmark side: the benchmark's end of the link, the
 * trial's parameters, somewhere to report progress, where to pin the measuring thread, and what to
 * close at the end. Usually the session of a peer process; in the cacheline floors, both ends
 * live in this JVM.
 */
public interface Trial extends AutoCloseable {
    Link link();

    Params params();

    /** What the messages are: payload bytes each, and how many may be pending in one direction. */
    Messages messages();

    /**
     * Called by the measuring thread before every operation: from here until {@link #progressed}
     * the benchmark waits on the other end, and a stall there is judged. Must cost next to nothing.
     */
    void operationBegins();

    /** Called after every operation by the measuring thread; must cost next to nothing. */
    void progressed();

    /** Pins the calling (measuring) thread where the trial's plan puts the benchmark side. */
    void pinBenchmarkThread();

    @Override
    void close();
}
