package io.ipcbench.jmh;

import io.ipcbench.os.ProcessCost;
import io.ipcbench.peer.Session;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code -prof io.ipcbench.jmh.OsCostProfiler}: what each operation cost the operating system,
 * for the benchmark JVM and for the peer separately: voluntary context switches (the thread
 * slept: a blocking wait), involuntary ones (it was preempted), and user and system CPU time in
 * nanoseconds. Read from /proc before and after every iteration, so it costs nothing while
 * measuring. Results are JMH secondary metrics ({@code os.bench.*}, {@code os.peer.*}, per op).
 * The CPU times come in clock ticks of 10 ms: an iteration of 1 s resolves them to about 1 %.
 */
public final class OsCostProfiler implements InternalProfiler {
    private ProcessCost benchAtStart;
    private ProcessCost peerAtStart;
    private long peerPid;
    private SyncCost syncAtStart;

    @Override
    public String getDescription() {
        return "context switches and user/system CPU per operation, for the benchmark JVM and its peer process";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        benchAtStart = ProcessCost.of(ProcessHandle.current().pid());
        OptionalLong peer = Session.onlyPeerPid();
        peerPid = peer.orElse(-1);
        peerAtStart = peer.isPresent() ? ProcessCost.of(peerPid) : null;
        syncAtStart = SyncCost.atStart();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long ops = result.getMetadata().getMeasuredOps();
        List<Result> results = new ArrayList<>();
        if (ops <= 0) {
            return results;
        }
        add(results, "os.bench", ProcessCost.of(ProcessHandle.current().pid()).minus(benchAtStart), ops);
        if (peerAtStart != null && ProcessHandle.of(peerPid).isPresent()) {
            add(results, "os.peer", ProcessCost.of(peerPid).minus(peerAtStart), ops);
        }
        syncAtStart.addPerOp(results, ops);
        return results;
    }

    private static void add(List<Result> results, String side, ProcessCost cost, long ops) {
        results.add(perOp(side + ".csw.voluntary", cost.voluntarySwitches(), ops, "#/op"));
        results.add(perOp(side + ".csw.involuntary", cost.involuntarySwitches(), ops, "#/op"));
        results.add(perOp(side + ".cpu.user", cost.userNanos(), ops, "ns/op"));
        results.add(perOp(side + ".cpu.system", cost.systemNanos(), ops, "ns/op"));
    }

    private static ScalarResult perOp(String label, long total, long ops, String unit) {
        return new ScalarResult(label, (double) total / ops, unit, AggregationPolicy.AVG);
    }
}
