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
 * The pipe write-ups' zero-copy lesson: at large messages a pipe whose sender vmsplices its pages
 * in ({@code copy=VMSPLICE}) carries more bytes per second than one written with write(2)
 * ({@code copy=READ_WRITE}), because one copy of the two is skipped. Judged on the consumed
 * throughput (every byte still read out by the receiver, which must have it) at every size from
 * {@link #LARGE} up that both were measured at. The direction is checked, not the write-ups'
 * figures (~3.5 against ~32 GiB/s, the latter spliced into /dev/null, never read).
 */
record VmspliceVsReadWrite() implements Claim {
    /** Large: 1 MiB, sixteen times the pipe's 64 KiB, where a message is copy-bound, not hand-off-bound. */
    static final long LARGE = 1 << 20;

    @Override
    public String statement() {
        return "vmsplice into a pipe carries more bytes/s than write(2) at large messages (throughput, " + Fmt.size(LARGE) + " and up)";
    }

    @Override
    public Verdict check(Run run) {
        String threshold = "ratio = copy=VMSPLICE's messages/s / copy=READ_WRITE's at the same size; reproduced when it is > 1 "
                + "beyond the noise at every size from " + Fmt.size(LARGE) + " both have, not reproduced when it is < 1 beyond "
                + "the noise at one, inconclusive otherwise";
        TreeSet<Long> sizes = sizes(run, "VMSPLICE");
        sizes.retainAll(sizes(run, "READ_WRITE"));
        if (sizes.isEmpty()) {
            return Verdict.notMeasured("no pipe throughput with both copy=VMSPLICE and copy=READ_WRITE at " + Fmt.size(LARGE)
                    + " or more in this run", threshold);
        }
        List<Noise.Ratio> ratios = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        for (long size : sizes) {
            JmhResult vmsplice = at(run, size, "VMSPLICE").orElseThrow();
            JmhResult readWrite = at(run, size, "READ_WRITE").orElseThrow();
            Noise.Ratio ratio = Noise.ratio(vmsplice, readWrite);
            ratios.add(ratio);
            measured.add(Fmt.size(size) + ": " + Pick.describe(vmsplice) + " " + Pick.figure(vmsplice) + " vs "
                    + Pick.describe(readWrite) + " " + Pick.figure(readWrite) + " (" + ratio.text() + ")");
        }
        return Noise.verdict(ratios, Noise.Side.ABOVE, String.join("; ", measured), threshold);
    }

    private static Optional<JmhResult> at(Run run, long size, String copy) {
        return Pick.one(run, "pipe", false, Map.of("size", Long.toString(size), "copy", copy));
    }

    private static TreeSet<Long> sizes(Run run, String copy) {
        TreeSet<Long> sizes = new TreeSet<>();
        Pick.all(run, "pipe", false, Map.of("copy", copy)).forEach(r -> r.size().ifPresent(size -> {
            if (size >= LARGE) {
                sizes.add(size);
            }
        }));
        return sizes;
    }
}
