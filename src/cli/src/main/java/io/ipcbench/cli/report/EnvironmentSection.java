package io.ipcbench.cli.report;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The header of a report: the machine and the set-up the numbers belong to. Mitigations that do
 * not apply ("Not affected") are listed on one line; the others, which cost system calls, each on
 * their own.
 */
final class EnvironmentSection {
    private static final String MITIGATION = "mitigation ";
    private static final String NOT_AFFECTED = "Not affected";

    private EnvironmentSection() {
    }

    static Doc of(Run run) {
        Doc doc = new Doc("Environment").heading(2, "Environment");
        var table = doc.table("", "value");
        List<String> unaffected = new ArrayList<>();
        for (Map.Entry<String, String> line : run.info().environment().entrySet()) {
            if (line.getKey().startsWith(MITIGATION) && line.getValue().equals(NOT_AFFECTED)) {
                unaffected.add(line.getKey().substring(MITIGATION.length()));
            } else {
                table.row(line.getKey(), line.getValue());
            }
        }
        if (!unaffected.isEmpty()) {
            table.row("not affected", String.join(", ", unaffected));
        }
        table.done();
        run.notes().forEach(note -> doc.para("Note: " + note + "."));
        return doc;
    }
}
