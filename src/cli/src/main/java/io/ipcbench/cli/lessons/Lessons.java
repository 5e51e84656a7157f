package io.ipcbench.cli.lessons;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.results.Run;
import java.util.List;
import java.util.Map;

/** The classic IPC claims, in the order of the README's lessons, checked against one run. */
public final class Lessons {
    static final List<Claim> CLAIMS = List.of(
            new SemaphoreVsPipe(true),
            new SemaphoreVsPipe(false),
            new SpinFastest(),
            new FalseSharing("SHARED_INDICES", "the two indices", false),
            new FalseSharing("FLAG_WITH_PAYLOAD", "the flag with the payload", true),
            new FasterThan("uds", "tcp", "no TCP/IP stack on one host"),
            new UdsServerBeatsTcp(),
            new ContextSwitches(),
            new ShmPullsAhead(true),
            new ShmPullsAhead(false),
            new FasterThan("uds", "mqueue", "message queues slower than Unix-domain sockets"),
            new MutexBetween(),
            WinsAtLargeSizes.vmsplice(),
            WinsAtLargeSizes.fdPassing(),
            new FanInBandwidth());

    /** One claim and what the run says about it. */
    record Checked(Claim claim, Verdict verdict) {
    }

    private Lessons() {
    }

    static List<Checked> check(Run run) {
        return CLAIMS.stream().map(c -> new Checked(c, c.check(run))).toList();
    }

    static String preamble() {
        return "Each claim is judged on this run's numbers by the rule stated with it. Where a claim does not name every "
                + "param, the classic set-up is taken (" + String.join(", ", Pick.CLASSIC.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue()).toList())
                + "). " + Noise.RULE + " A mechanism the run did not measure makes its claims *not measured*.";
    }

    /** The verdicts as a table, for the report. */
    public static Doc table(Run run) {
        Doc doc = new Doc("Lessons").heading(2, "Lessons").para(preamble());
        var table = doc.table("#", "claim", "verdict", "measured", "rule");
        int n = 1;
        for (Checked checked : check(run)) {
            Verdict v = checked.verdict();
            table.row(n++, checked.claim().statement(), new Doc.Cell(v.status().label, mark(v.status())), v.measured(), v.threshold());
        }
        return table.done();
    }

    /** How many claims got each verdict, e.g. "6 reproduced, 1 inconclusive, 3 not measured", for a report's summary. */
    public static String tally(Run run) {
        Map<Verdict.Status, Long> counts = new java.util.EnumMap<>(Verdict.Status.class);
        check(run).forEach(checked -> counts.merge(checked.verdict().status(), 1L, Long::sum));
        return String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label).toList());
    }

    /** The verdicts as a list that reads well in a terminal, for {@code ipcbench lessons}. */
    public static String text(Run run) {
        StringBuilder out = new StringBuilder("Lessons checked against run " + run.id() + " (" + run.dir() + ")\n")
                .append(preamble()).append("\n\n");
        int n = 1;
        for (Checked checked : check(run)) {
            Verdict v = checked.verdict();
            out.append(n++).append(". ").append(checked.claim().statement()).append(": ").append(v.status().label.toUpperCase())
                    .append("\n   measured: ").append(v.measured()).append("\n   rule: ").append(v.threshold()).append("\n\n");
        }
        return out.toString();
    }

    /**
     * The verdicts in a few lines, for the end of a run: each claim the run measured with its verdict,
     * then how many it did not measure.
     */
    public static List<String> verdicts(Run run) {
        List<String> lines = new java.util.ArrayList<>();
        List<Checked> checked = check(run);
        int notMeasured = 0;
        for (int n = 0; n < checked.size(); n++) {
            Verdict v = checked.get(n).verdict();
            if (v.status() == Verdict.Status.NOT_MEASURED) {
                notMeasured++;
            } else {
                lines.add((n + 1) + ". " + checked.get(n).claim().statement() + ": " + v.status().label);
            }
        }
        if (notMeasured > 0) {
            lines.add(notMeasured + " of " + checked.size() + " claims not measured by this run");
        }
        return lines;
    }

    private static Doc.Mark mark(Verdict.Status status) {
        return switch (status) {
            case REPRODUCED -> Doc.Mark.GOOD;
            case NOT_REPRODUCED -> Doc.Mark.BAD;
            case INCONCLUSIVE -> Doc.Mark.CHANGED;
            case NOT_MEASURED -> Doc.Mark.MUTED;
        };
    }
}
