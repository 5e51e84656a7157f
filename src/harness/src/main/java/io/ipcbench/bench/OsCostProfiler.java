package io.ipcbench.bench;

import io.ipcbench.os.ProcessCost;
import io.ipcbench.peer.CostReading;
import io.ipcbench.peer.CostedTrial;
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
import java.util.Optional;

/**
 * {@code -prof io.ipcbench.bench.OsCostProfiler}: what each operation cost the operating system,
 * for the benchmark JVM and for the peer separately: voluntary context switches (a thread slept:
 * a blocking wait), involuntary ones (it was preempted), and user and system CPU time in
 * nanoseconds, of every thread each process had during the iteration (see {@link ProcessCost}).
 * Read before and after every iteration, so it costs nothing while measuring. Results are JMH
 * secondary metrics ({@code os.bench.*}, {@code os.peer.*}, per op). In a trial with several peer
 * processes (fan-in's producers), {@code os.peer.*} is their sum: what the peers together cost per operation.
 *
 * <p>Every iteration spans the same work: its set-up, its operations and its tear-down (a
 * throughput trial's drain), never the trial's. JMH runs the trial set-up inside the first
 * iteration, after {@link #beforeIteration}, and the trial tear-down, which stops the peer, inside
 * the last one, before {@link #afterIteration}: there the session's own readings stand in, taken
 * once the peer began serving and when the session began to close ({@link Session#costs}).
 */
public final class OsCostProfiler implements InternalProfiler {
    private Optional<CostedTrial> session;
    private long sessionsOpened;
    private CostReading atStart;
    private SyncCost syncAtStart;

    public OsCostProfiler() {
        Session.readCostsAtOpenAndClose();
    }

    @Override
    public String getDescription() {
        return "context switches and user/system CPU per operation, for the benchmark JVM and its peer process";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        session = Session.onlyOpen();
        sessionsOpened = Session.openedSoFar();
        atStart = session.map(CostedTrial::costs).orElseGet(CostReading::benchOnly);
        syncAtStart = SyncCost.atStart();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        Optional<CostedTrial> openedNow = session.isPresent() ? Optional.empty() : Session.onlyOpenedSince(sessionsOpened);
        CostReading start = openedNow.map(CostedTrial::opening).orElse(atStart);
        CostReading end = session.or(() -> openedNow).map(CostedTrial::costs).orElseGet(CostReading::benchOnly);
        long ops = result.getMetadata().getMeasuredOps();
        List<Result> results = new ArrayList<>();
        if (ops <= 0) {
            return results;
        }
        add(results, "os.bench", end.bench().minus(start.bench()), ops);
        if (start.peer().isPresent() && end.peer().isPresent()) {
            add(results, "os.peer", end.peer().get().minus(start.peer().get()), ops);
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
