package io.ipcbench.shm;

import io.ipcbench.jmh.OneWayBenchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Messages streamed through a shared-memory ring to a peer that copies each one out. With
 * capacity 1 every message waits for the previous one to be consumed (the classic single-slot
 * handshake); a larger capacity lets the two sides overlap. SHARED_LINE puts both indices and
 * the first payload bytes on one cache line, so each side's stores invalidate what the other
 * reads: false sharing, measured against PADDED with otherwise identical code (lesson 2).
 */
public class ShmThroughput extends OneWayBenchmark {
    @Param({"SPIN", "FUTEX", "SPIN_THEN_FUTEX", "SEMAPHORE"})
    public String sync;

    @Param({"PADDED", "SHARED_LINE"})
    public String layout;

    @Param({"1", "64"})
    public String capacity;

    public ShmThroughput() {
        super(new SharedMemory());
    }
}
