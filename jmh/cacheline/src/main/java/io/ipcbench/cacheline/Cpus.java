package io.ipcbench.cacheline;

import io.ipcbench.os.Libc;

/** Pinning for the threads of the in-process benchmarks, which play both roles of a {@link io.ipcbench.os.Pinning.Plan}. */
public final class Cpus {
    private Cpus() {}

    /** Pins the calling thread to {@code cpu}; -1 (pinning=none) leaves it where the kernel puts it. */
    public static void pin(int cpu) {
        if (cpu >= 0) {
            Libc.pinCurrentThread(cpu);
        }
    }
}
