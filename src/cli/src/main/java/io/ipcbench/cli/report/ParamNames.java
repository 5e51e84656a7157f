package io.ipcbench.cli.report;

import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which params tell a set of results apart. A table or a legend names only those; the params that
 * are the same everywhere (often pinning) are said once.
 */
public final class ParamNames {
    private final Set<String> varying = new TreeSet<>();
    private final Map<String, String> constant = new TreeMap<>();

    public ParamNames(Collection<JmhResult> results) {
        Set<String> names = results.stream().flatMap(r -> r.params().keySet().stream()).collect(Collectors.toCollection(TreeSet::new));
        for (String name : names) {
            Set<String> values = results.stream().map(r -> Objects.toString(r.param(name), "")).collect(Collectors.toSet());
            if (values.size() == 1 && !values.contains("")) {
                constant.put(name, values.iterator().next());
            } else {
                varying.add(name);
            }
        }
    }

    /** Size first (the axis of every comparison), then the others by name. */
    List<String> varying() {
        return varying.stream().sorted((a, b) -> a.equals("size") ? -1 : b.equals("size") ? 1 : a.compareTo(b)).toList();
    }

    /** "pinning=cross-core" or "" */
    String constant() {
        return constant.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** The varying params of one result, e.g. "size=64 sync=SPIN", leaving out those named. */
    public String label(JmhResult result, String... leaveOut) {
        Set<String> skip = Set.of(leaveOut);
        return varying().stream().filter(n -> !skip.contains(n) && result.param(n) != null)
                .map(n -> n + "=" + result.param(n)).collect(Collectors.joining(" "));
    }

    /** A param's value for a table cell: sizes as 64 B, 1 KiB ...; "–" where the benchmark lacks it. */
    static String cell(JmhResult result, String name) {
        String value = result.param(name);
        if (value == null) {
            return "–";
        }
        return name.equals("size") && result.size().isPresent() ? Fmt.size(result.size().getAsLong()) : value;
    }
}
