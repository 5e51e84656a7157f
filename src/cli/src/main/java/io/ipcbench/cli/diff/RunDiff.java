package io.ipcbench.cli.diff;

import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.usage.CliException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** Two runs matched benchmark × params by benchmark × params. */
public record RunDiff(Run base, Run changed, List<RowDiff> rows, List<JmhResult> onlyInBase, List<JmhResult> onlyInNew) {

    static RunDiff of(Run base, Run changed) {
        Map<String, JmhResult> remaining = new LinkedHashMap<>();
        changed.results().forEach(r -> remaining.put(r.key(), r));
        List<RowDiff> rows = new ArrayList<>();
        List<JmhResult> onlyInBase = new ArrayList<>();
        for (JmhResult r : base.results()) {
            JmhResult other = remaining.remove(r.key());
            if (other == null) {
                onlyInBase.add(r);
            } else {
                rows.add(RowDiff.of(r, other));
            }
        }
        if (rows.isEmpty()) {
            throw new CliException(base.dir() + " and " + changed.dir() + " have no benchmark × params in common (base: "
                    + summary(base) + "; new: " + summary(changed) + "): nothing to compare");
        }
        return new RunDiff(base, changed, List.copyOf(rows), List.copyOf(onlyInBase), List.copyOf(remaining.values()));
    }

    public List<RowDiff> with(RowDiff.Outcome outcome, double threshold) {
        return rows.stream().filter(r -> r.outcome(threshold) == outcome).toList();
    }

    /** The geometric mean of a ratio over the rows that pass {@code which}; NaN over none. */
    double geomean(Predicate<RowDiff> which, ToDoubleFunction<RowDiff> ratio) {
        double[] logs = rows.stream().filter(which).mapToDouble(ratio).filter(r -> r > 0 && Double.isFinite(r))
                .map(Math::log).toArray();
        return logs.length == 0 ? Double.NaN : Math.exp(Arrays.stream(logs).average().orElseThrow());
    }

    private static String summary(Run run) {
        return run.results().size() + " results of " + String.join(", ", run.modules());
    }
}
