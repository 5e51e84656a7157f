package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * "Mechanism A is faster than mechanism B": A's round-trip median below B's at every message size
 * both were measured at, each in its classic set-up ({@link Pick#CLASSIC}). Lesson 3 (Unix-domain
 * sockets against TCP loopback: no TCP/IP stack) and message queues against Unix-domain sockets.
 */
record FasterThan(String faster, String slower, String why) implements Claim {

    @Override
    public String statement() {
        return faster + " is faster than " + slower + " (round trip p50" + (why.isEmpty() ? "" : "; " + why) + ")";
    }

    @Override
    public Verdict check(Run run) {
        String threshold = "reproduced when " + faster + "'s p50 / " + slower + "'s is < 1 beyond the noise at every size both "
                + "have, not reproduced when it is > 1 beyond the noise at one, inconclusive otherwise";
        TreeSet<Long> sizes = sizes(run, faster);
        sizes.retainAll(sizes(run, slower));
        if (sizes.isEmpty()) {
            List<String> absent = new ArrayList<>();
            for (String module : List.of(faster, slower)) {
                if (sizes(run, module).isEmpty()) {
                    absent.add(module);
                }
            }
            return Verdict.notMeasured(absent.isEmpty() ? "no message size measured by both"
                    : "no " + String.join(" and no ", absent) + " round trip in this run", threshold);
        }
        List<Noise.Ratio> ratios = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        for (long size : sizes) {
            Map<String, String> at = Map.of("size", Long.toString(size));
            Optional<JmhResult> a = Pick.one(run, faster, true, at);
            Optional<JmhResult> b = Pick.one(run, slower, true, at);
            Noise.Ratio ratio = Noise.ratio(a.orElseThrow(), b.orElseThrow());
            ratios.add(ratio);
            measured.add(Fmt.size(size) + ": " + Pick.describe(a.get()) + " " + Pick.figure(a.get()) + " vs "
                    + Pick.describe(b.get()) + " " + Pick.figure(b.get()) + " (" + ratio.text() + ")");
        }
        return Noise.verdict(ratios, Noise.Side.BELOW, String.join("; ", measured), threshold);
    }

    private static TreeSet<Long> sizes(Run run, String module) {
        TreeSet<Long> sizes = new TreeSet<>();
        Pick.all(run, module, true, Map.of()).forEach(r -> r.size().ifPresent(sizes::add));
        return sizes;
    }
}
