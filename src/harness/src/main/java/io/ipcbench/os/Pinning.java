package io.ipcbench.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Where the measuring thread and the peer's thread run. Cross-core (the default) puts them on
 * two CPUs of different physical cores, so a hand-off really crosses a cache; same-core puts
 * both on one logical CPU, so every hand-off goes through the scheduler; none leaves placement
 * to the kernel. Only the two measuring threads are pinned: JIT and GC threads stay free.
 */
public enum Pinning {
    CROSS_CORE, SAME_CORE, NONE;

    /**
     * The CPUs this process may use, read once before this class pins anything: read later from
     * a thread it already pinned, the thread's own mask would hide the other CPUs.
     */
    private static final int[] PROCESS_CPUS = Libc.allowedCpus();

    /** CPUs for the benchmark thread and the peer thread; -1 means "not pinned". */
    public record Plan(int benchmarkCpu, int peerCpu) {
        /** The CPUs this plan pins to; empty when it pins nothing. */
        public SortedSet<Integer> cpus() {
            return IntStream.of(benchmarkCpu, peerCpu).filter(cpu -> cpu >= 0).boxed().collect(Collectors.toCollection(TreeSet::new));
        }

        public void pinCurrentThreadAsBenchmark() {
            if (benchmarkCpu >= 0) {
                Libc.pinCurrentThread(benchmarkCpu);
            }
        }
    }

    /**
     * The pinning of a trial that names none: cross-core where this process may use two physical
     * cores, else same-core, the one placement there is, said once on stderr. Benchmarks always
     * name theirs (JMH's {@code pinning} param, cross-core unless given), so a benchmark is still
     * refused on one core; this serves the soak and the tests, which check what arrives, not how fast.
     */
    public static Pinning fitting() {
        return Fitting.PINNING;
    }

    /** Chosen on first use, so that only a process that asks pays for the check and prints the line. */
    private static final class Fitting {
        static final Pinning PINNING = choose();

        private static Pinning choose() {
            try {
                CROSS_CORE.plan();
                return CROSS_CORE;
            } catch (IllegalStateException oneCore) {
                System.err.println("ipcbench: this process may only run on CPUs " + Arrays.toString(PROCESS_CPUS)
                        + ", one core: trials that name no pinning pin same-core");
                return SAME_CORE;
            }
        }
    }

    public Plan plan() {
        if (this == NONE) {
            return new Plan(-1, -1);
        }
        int[] allowed = PROCESS_CPUS;
        int first = allowed[0];
        if (this == SAME_CORE) {
            return new Plan(first, first);
        }
        return Arrays.stream(allowed)
                .filter(cpu -> !core(cpu).equals(core(first)))
                .mapToObj(cpu -> new Plan(first, cpu))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("pinning=cross-core needs CPUs on two different physical cores,"
                        + " but this process may only run on CPUs " + Arrays.toString(allowed)
                        + ": run on more CPUs (taskset/cgroup) or choose pinning=same-core or pinning=none"));
    }

    /** "package:core" of a logical CPU; SMT siblings share it. A CPU without topology files counts as its own core. */
    private static String core(int cpu) {
        Path topology = Path.of("/sys/devices/system/cpu/cpu" + cpu + "/topology");
        try {
            return Files.readString(topology.resolve("physical_package_id")).strip() + ":"
                    + Files.readString(topology.resolve("core_id")).strip();
        } catch (IOException e) {
            return "cpu" + cpu;
        }
    }
}
