package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lesson 2, once per layout that shares a line PADDED keeps apart: {@code layout} makes the line
 * bounce between the two cores on every message, which costs throughput against layout=PADDED.
 * Judged where the claim is made: spinning sides (the line is touched continuously), messages up
 * to 1 KiB (larger copies drown the effect), each {@code layout} result against its PADDED twin
 * with every other param equal, in any module that has the layout param; with
 * {@code singleSlot}, only rings of one slot (FLAG_WITH_PAYLOAD differs from PADDED in the flag
 * alone there: with more slots every payload also sits off its line). A difference counts only
 * when it lies beyond the run's own noise ({@link Noise}).
 *
 * @param shares what the layout puts on one line, for the statement
 */
record FalseSharing(String layout, String shares, boolean singleSlot) implements Claim {
    @Override
    public String statement() {
        return "false sharing (" + shares + ") costs throughput: " + layout + " < PADDED (spinning, ≤ 1 KiB"
                + (singleSlot ? ", one slot" : "") + ")";
    }

    @Override
    public Verdict check(Run run) {
        String threshold = "a pair counts when " + layout + " / PADDED is < 1 (cost) or > 1 (the opposite) beyond the noise; "
                + "reproduced when some pairs show the cost and none the opposite, not reproduced when only the opposite "
                + "shows, inconclusive when every pair is within the noise or the pairs disagree";
        int cost = 0;
        int opposite = 0;
        List<String> measured = new ArrayList<>();
        for (JmhResult shared : run.results()) {
            if (!shared.higherIsBetter() || !layout.equals(shared.param("layout")) || !small(shared) || !spinning(shared)
                    || singleSlot && !"1".equals(shared.param("capacity"))) {
                continue;
            }
            Optional<JmhResult> padded = twin(run, shared);
            if (padded.isEmpty()) {
                continue;
            }
            Noise.Ratio ratio = Noise.ratio(shared, padded.get());
            String outcome = switch (ratio.side()) {
                case BELOW -> "cost";
                case ABOVE -> "opposite";
                case WITHIN -> "no difference beyond the noise";
            };
            cost += ratio.side() == Noise.Side.BELOW ? 1 : 0;
            opposite += ratio.side() == Noise.Side.ABOVE ? 1 : 0;
            measured.add(shared.module() + " " + label(shared) + ": PADDED " + Fmt.rate(padded.get().primary().score())
                    + ", " + layout + " " + Fmt.rate(shared.primary().score()) + ", ratio " + ratio.text() + " → " + outcome);
        }
        if (measured.isEmpty()) {
            return Verdict.notMeasured("no throughput result with layout=" + layout + " and a PADDED twin (spinning, ≤ 1 KiB"
                    + (singleSlot ? ", capacity 1" : "") + ")", threshold);
        }
        String text = String.join("; ", measured);
        if (cost > 0 && opposite == 0) {
            return new Verdict(Verdict.Status.REPRODUCED, text, threshold);
        }
        if (opposite > 0 && cost == 0) {
            return new Verdict(Verdict.Status.NOT_REPRODUCED, text, threshold);
        }
        return new Verdict(Verdict.Status.INCONCLUSIVE, text, threshold);
    }

    private static boolean small(JmhResult r) {
        return r.size().isEmpty() || r.size().getAsLong() <= SMALL;
    }

    private static boolean spinning(JmhResult r) {
        return r.param("sync") == null || Waits.onlySpins(r);
    }

    private static Optional<JmhResult> twin(Run run, JmhResult shared) {
        TreeMap<String, String> wanted = new TreeMap<>(shared.params());
        wanted.put("layout", "PADDED");
        return run.ofModule(shared.module()).stream()
                .filter(r -> r.benchmark().equals(shared.benchmark()) && r.mode().equals(shared.mode()) && Objects.equals(r.params(), wanted))
                .findFirst();
    }

    private static String label(JmhResult r) {
        StringBuilder text = new StringBuilder(r.shortName());
        r.params().forEach((name, value) -> {
            if (!name.equals("layout") && !name.equals("pinning")) {
                text.append(' ').append(name).append('=').append(value);
            }
        });
        return text.toString();
    }
}
