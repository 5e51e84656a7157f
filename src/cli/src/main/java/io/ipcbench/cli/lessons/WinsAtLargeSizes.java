package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A zero-copy hand-off's lesson: at large messages one value of a module's param ({@code winner})
 * carries more messages per second than another ({@code loser}), judged on the consumed throughput
 * (every byte still read out by the receiver, which must have it) at every size from {@link #LARGE}
 * up that both were measured at, each winner's result against the loser's with the same other
 * params. The direction is checked, not the write-ups' figures.
 *
 * @param module    the module, e.g. "pipe"
 * @param param     the param whose two values are compared, e.g. "copy"
 * @param winner    the value claimed faster at large sizes
 * @param loser     the value it is compared with
 * @param statement the claim as a reader states it, without the sizes
 */
record WinsAtLargeSizes(String module, String param, String winner, String loser, String statement) implements Claim {
    /** Large: 1 MiB, sixteen times a pipe's 64 KiB and five times a Unix socket's default send buffer, where a message is copy-bound, not hand-off-bound. */
    static final long LARGE = 1 << 20;

    /**
     * The pipe write-ups' lesson: a sender that vmsplices its pages into the pipe skips one copy of
     * two (their figures, ~3.5 against ~32 GiB/s, come from a reader that splices into /dev/null and
     * reads nothing).
     */
    static WinsAtLargeSizes vmsplice() {
        return new WinsAtLargeSizes("pipe", "copy", "VMSPLICE", "READ_WRITE", "vmsplice into a pipe carries more bytes/s than write(2)");
    }

    /**
     * The zero-copy hand-off of display servers and browsers: a sealed memfd passed in SCM_RIGHTS
     * moves a message of any size in one call each side, where copying it through a Unix socket
     * moves it in pieces of the socket buffer, a wake-up between them.
     */
    static WinsAtLargeSizes fdPassing() {
        return new WinsAtLargeSizes("uds", "transfer", "FD_PASSING", "COPY",
                "passing a sealed memfd over a Unix socket (SCM_RIGHTS) carries more bytes/s than copying the payload through it");
    }

    @Override
    public String statement() {
        return statement + " at large messages (throughput, " + Fmt.size(LARGE) + " and up)";
    }

    @Override
    public Verdict check(Run run) {
        String threshold = "ratio = " + param + "=" + winner + "'s messages/s / " + param + "=" + loser + "'s at the same size and "
                + "other params; reproduced when it is > 1 beyond the noise at every size from " + Fmt.size(LARGE)
                + " both have, not reproduced when it is < 1 beyond the noise at one, inconclusive otherwise";
        List<Noise.Ratio> ratios = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        for (long size : largeSizes(run)) {
            Optional<JmhResult> faster = Pick.one(run, module, false, Map.of("size", Long.toString(size), param, winner));
            Optional<JmhResult> slower = faster.flatMap(result -> Pick.one(run, module, false, counterpart(result)));
            if (slower.isEmpty()) {
                continue;
            }
            Noise.Ratio ratio = Noise.ratio(faster.get(), slower.get());
            ratios.add(ratio);
            measured.add(Fmt.size(size) + ": " + Pick.describe(faster.get()) + " " + Pick.figure(faster.get()) + " vs "
                    + Pick.describe(slower.get()) + " " + Pick.figure(slower.get()) + " (" + ratio.text() + ")");
        }
        if (ratios.isEmpty()) {
            return Verdict.notMeasured("no " + module + " throughput with both " + param + "=" + winner + " and " + param + "=" + loser
                    + " at " + Fmt.size(LARGE) + " or more in this run", threshold);
        }
        return Noise.verdict(ratios, Noise.Side.ABOVE, String.join("; ", measured), threshold);
    }

    /** The params the loser's result must have to be compared with {@code faster}: the same, {@link #param} aside. */
    private Map<String, String> counterpart(JmhResult faster) {
        Map<String, String> required = new TreeMap<>(faster.params());
        required.put(param, loser);
        return required;
    }

    private TreeSet<Long> largeSizes(Run run) {
        TreeSet<Long> sizes = new TreeSet<>();
        Pick.all(run, module, false, Map.of(param, winner)).forEach(r -> r.size().ifPresent(size -> {
            if (size >= LARGE) {
                sizes.add(size);
            }
        }));
        return sizes;
    }
}
