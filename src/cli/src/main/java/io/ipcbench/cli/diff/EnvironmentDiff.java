package io.ipcbench.cli.diff;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.results.MachineLoad;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The two machines side by side, differences marked: a kernel, a CPU, a mitigation or a JDK that
 * differ explain a change before any code does. Mitigations "Not affected" in both runs are
 * listed on one line; start and end times and the machine's other work differ by nature and are
 * not marked, but a run made on a busy machine is called out.
 */
final class EnvironmentDiff {
    private static final Set<String> EXPECTED_TO_DIFFER = Set.of("start", "end", "other work during the run");
    private static final String MITIGATION = "mitigation ";
    private static final String NOT_AFFECTED = "Not affected";

    private EnvironmentDiff() {
    }

    static Doc of(Run base, Run changed) {
        Map<String, String> a = base.info().environment();
        Map<String, String> b = changed.info().environment();
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        Doc doc = new Doc("Environment").heading(2, "Environment");
        var table = doc.table("", "base: " + base.id(), "new: " + changed.id(), "");
        List<String> unaffected = new ArrayList<>();
        int differences = 0;
        for (String key : keys) {
            String va = a.getOrDefault(key, "(not recorded)");
            String vb = b.getOrDefault(key, "(not recorded)");
            if (key.startsWith(MITIGATION) && va.equals(NOT_AFFECTED) && vb.equals(NOT_AFFECTED)) {
                unaffected.add(key.substring(MITIGATION.length()));
                continue;
            }
            boolean differs = !Objects.equals(va, vb) && !EXPECTED_TO_DIFFER.contains(key);
            differences += differs ? 1 : 0;
            Doc.Mark mark = differs ? Doc.Mark.CHANGED : Doc.Mark.PLAIN;
            table.row(key, new Doc.Cell(va, mark), new Doc.Cell(vb, mark), differs ? "≠" : "");
        }
        if (!unaffected.isEmpty()) {
            table.row("not affected (both)", String.join(", ", unaffected), "", "");
        }
        doc.para(differences == 0 ? "The two runs were made in the same environment, as far as run.json records it."
                : differences + " environment difference" + (differences == 1 ? "" : "s") + " (marked ≠): any of them "
                + "can explain a change as well as the code can.");
        for (Run run : List.of(base, changed)) {
            run.info().machineLoad().filter(MachineLoad::busy).ifPresent(load -> doc.para("**" + run.id()
                    + " ran on a busy machine**: " + load.describe() + ". Its changes are the machine's as much as the code's."));
        }
        return table.done();
    }
}
