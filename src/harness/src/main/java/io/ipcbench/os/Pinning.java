package io.ipcbench.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Where the trial's threads run. Cross-core (the default) puts the measuring thread and the peer's
 * serving thread on two CPUs of different physical cores, so a hand-off really crosses a cache;
 * same-core puts both on one logical CPU, so every hand-off goes through the scheduler; none
 * leaves placement to the kernel. The measuring CPUs are the last ones this process may use; the
 * CPUs left over are housekeeping CPUs, where every other thread of both JVMs runs (JIT compilers,
 * GC, JMH's own threads, the watchdog, the peer's output readers), so that none of them preempts a
 * measured thread. CPU 0, the boot CPU, which keeps kernel duties such as the timekeeping tick by
 * default, is the last one a plan measures on. With no CPU left over (cross-core on two CPUs) the other threads share the
 * measuring CPUs, and the plan says so.
 */
public enum Pinning {
    CROSS_CORE, SAME_CORE, NONE;

    /**
     * The CPUs this process may use, read once before this class pins or confines anything: read
     * later, a pinned thread's own mask, or the housekeeping mask, would hide the other CPUs.
     */
    private static final int[] PROCESS_CPUS = Libc.allowedCpus();
    /** Sweeps of /proc/self/task before {@link Plan#confineThisProcess} gives up on threads still being started. */
    private static final int MAX_SWEEPS = 10;

    /**
     * CPUs for the benchmark thread and the peer thread (-1: not pinned), the housekeeping CPUs
     * every other thread runs on (empty when none is left), and every CPU the process may use.
     */
    public record Plan(int benchmarkCpu, int peerCpu, SortedSet<Integer> housekeeping, SortedSet<Integer> allowed) {
        public Plan {
            housekeeping = new TreeSet<>(housekeeping);
            allowed = new TreeSet<>(allowed);
        }

        /** The CPUs the measuring threads are pinned to; empty when the plan pins nothing. */
        public SortedSet<Integer> cpus() {
            return IntStream.of(benchmarkCpu, peerCpu).filter(cpu -> cpu >= 0).boxed().collect(Collectors.toCollection(TreeSet::new));
        }

        /**
         * Where the serving threads of {@code n} peers go (a trial with several peer processes):
         * the peer CPU first, then every other CPU this process may use but the benchmark's, one
         * peer per CPU while CPUs last, then round robin over the same CPUs, so that peers share
         * them evenly (on two CPUs cross-core: the benchmark on one, every peer on the other).
         * Same-core puts every peer on the benchmark's CPU; a plan that pins nothing pins no peer (-1).
         */
        public int[] peerCpus(int n) {
            if (peerCpu < 0 || peerCpu == benchmarkCpu) {
                return IntStream.generate(() -> peerCpu).limit(n).toArray();
            }
            int[] free = IntStream.concat(IntStream.of(peerCpu),
                    allowed.stream().mapToInt(Integer::intValue).filter(cpu -> cpu != peerCpu && cpu != benchmarkCpu)).toArray();
            return IntStream.range(0, n).map(i -> free[i % free.length]).toArray();
        }

        /** True when the plan pins the measuring threads but leaves no CPU for the others: they share the measuring CPUs. */
        public boolean lacksHousekeeping() {
            return !cpus().isEmpty() && housekeeping.isEmpty();
        }

        /** Where every thread but the two measuring ones runs: the housekeeping CPUs, or every allowed CPU if there are none. */
        public SortedSet<Integer> otherThreads() {
            return housekeeping.isEmpty() ? allowed : housekeeping;
        }

        public void pinCurrentThreadAsBenchmark() {
            if (benchmarkCpu >= 0) {
                Libc.pinCurrentThread(benchmarkCpu);
            }
        }

        /**
         * Moves every thread of this process, the caller included, to {@link #otherThreads}; the
         * measuring threads are pinned afterwards. A thread started while this runs inherits its
         * creator's mask, which may not be moved yet: the sweep repeats until it finds no thread it
         * has not moved (a few passes at most: a JVM at a trial's start creates threads rarely).
         */
        public void confineThisProcess() {
            SortedSet<Integer> moved = new TreeSet<>();
            for (int pass = 0; pass < MAX_SWEEPS; pass++) {
                boolean movedAny = false;
                for (int tid : threadsOfThisProcess()) {
                    if (moved.add(tid)) {
                        Libc.setThreadAffinity(tid, otherThreads());
                        movedAny = true;
                    }
                }
                if (!movedAny) {
                    return;
                }
            }
        }

        /** One line for people: where the measuring threads run, and where the others do. */
        public String describe() {
            if (cpus().isEmpty()) {
                return "nothing pinned: the kernel places every thread on CPUs " + allowed;
            }
            String measuring = benchmarkCpu == peerCpu ? "CPU " + benchmarkCpu + " (benchmark and peer)"
                    : "CPU " + benchmarkCpu + " (benchmark) and CPU " + peerCpu + " (peer)";
            return "measuring on " + measuring + (housekeeping.isEmpty()
                    ? "; no housekeeping CPU is left (this process may use CPUs " + allowed + "), so the JIT compilers, GC,"
                    + " JMH's threads and the peer's other threads share the measuring CPUs and preempt the measured threads"
                    : "; every other thread of both JVMs on housekeeping CPUs " + housekeeping);
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
        return plan(PROCESS_CPUS, Pinning::core);
    }

    /** The plan on a machine where the process may use {@code allowed} (ascending) and {@code coreOf} names each CPU's physical core. */
    Plan plan(int[] allowed, IntFunction<String> coreOf) {
        SortedSet<Integer> all = Arrays.stream(allowed).boxed().collect(Collectors.toCollection(TreeSet::new));
        if (this == NONE) {
            return new Plan(-1, -1, new TreeSet<>(), all);
        }
        int peer = allowed[allowed.length - 1];
        int benchmark = this == SAME_CORE ? peer : IntStream.iterate(allowed.length - 2, i -> i >= 0, i -> i - 1)
                .map(i -> allowed[i])
                .filter(cpu -> !coreOf.apply(cpu).equals(coreOf.apply(peer)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("pinning=cross-core needs CPUs on two different physical cores,"
                        + " but this process may only run on CPUs " + Arrays.toString(allowed)
                        + ": run on more CPUs (taskset/cgroup) or choose pinning=same-core or pinning=none"));
        return new Plan(benchmark, peer, housekeeping(all, benchmark, peer, coreOf), all);
    }

    /**
     * The CPUs left once the measuring ones are taken, without the measuring CPUs' SMT siblings
     * (which share a core's execution units with a measured thread) unless nothing else is left.
     */
    private static SortedSet<Integer> housekeeping(SortedSet<Integer> all, int benchmark, int peer, IntFunction<String> coreOf) {
        SortedSet<Integer> left = new TreeSet<>(all);
        left.removeAll(java.util.List.of(benchmark, peer));
        SortedSet<Integer> otherCores = left.stream()
                .filter(cpu -> !coreOf.apply(cpu).equals(coreOf.apply(benchmark)) && !coreOf.apply(cpu).equals(coreOf.apply(peer)))
                .collect(Collectors.toCollection(TreeSet::new));
        return otherCores.isEmpty() ? left : otherCores;
    }

    /** Every thread id of this process now, from /proc/self/task. */
    private static int[] threadsOfThisProcess() {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.mapToInt(task -> Integer.parseInt(task.getFileName().toString())).toArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list this process's threads in /proc/self/task (" + e.getMessage() + ")", e);
        }
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
