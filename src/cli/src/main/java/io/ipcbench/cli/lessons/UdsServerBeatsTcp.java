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
 * "A Unix socket instead of TCP loopback cuts a server's request latency 15-25 % and raises its
 * throughput about 40 %" (the Redis figures of the benchmark article), under C clients: at every
 * client count both were measured at, the UDS server's per-request p50 below TCP's and its
 * requests answered per second above TCP's ({@code …ServerLatency}, {@code …ServerThroughput}), at
 * the smallest message size both have. The article's percentages are quoted with the ratios;
 * the verdict asks only the direction, beyond the noise.
 */
final class UdsServerBeatsTcp implements Claim {
    private static final String CLIENTS = "clients";

    @Override
    public String statement() {
        return "a uds server beats a tcp loopback one under C clients (request p50 and requests answered per second; "
                + "the article: 15-25 % less latency, ~40 % more throughput)";
    }

    @Override
    public Verdict check(Run run) {
        String threshold = "reproduced when, at every client count both were measured at, uds's p50 / tcp's and tcp's requests/s / uds's "
                + "are < 1 beyond the noise; not reproduced when one is > 1 beyond the noise; inconclusive otherwise";
        TreeSet<Integer> counts = clientCounts(run, "uds");
        counts.retainAll(clientCounts(run, "tcp"));
        List<Noise.Ratio> ratios = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        for (int clients : counts) {
            Map<String, String> at = Map.of(CLIENTS, Integer.toString(clients));
            Optional<Long> size = smallestCommonSize(run, at);
            if (size.isEmpty()) {
                continue;
            }
            Map<String, String> atSize = Map.of(CLIENTS, Integer.toString(clients), "size", Long.toString(size.get()));
            Optional<JmhResult> udsLatency = Pick.one(run, "uds", true, atSize);
            Optional<JmhResult> tcpLatency = Pick.one(run, "tcp", true, atSize);
            Optional<JmhResult> udsRate = Pick.one(run, "uds", false, atSize);
            Optional<JmhResult> tcpRate = Pick.one(run, "tcp", false, atSize);
            StringBuilder line = new StringBuilder(CLIENTS + "=" + clients + ", " + Fmt.size(size.get()) + ":");
            if (udsLatency.isPresent() && tcpLatency.isPresent()) {
                Noise.Ratio ratio = Noise.ratio(udsLatency.get(), tcpLatency.get());
                ratios.add(ratio);
                line.append(" p50 uds ").append(Pick.figure(udsLatency.get())).append(" vs tcp ").append(Pick.figure(tcpLatency.get()))
                        .append(" (").append(ratio.text()).append(")");
            }
            if (udsRate.isPresent() && tcpRate.isPresent()) {
                Noise.Ratio ratio = Noise.ratio(tcpRate.get(), udsRate.get());
                ratios.add(ratio);
                line.append(" requests/s uds ").append(Pick.figure(udsRate.get())).append(" vs tcp ").append(Pick.figure(tcpRate.get()))
                        .append(" (tcp/uds ").append(ratio.text()).append(")");
            }
            measured.add(line.toString());
        }
        if (ratios.isEmpty()) {
            return Verdict.notMeasured("no uds and tcp server measured at one client count and size", threshold);
        }
        return Noise.verdict(ratios, Noise.Side.BELOW, String.join("; ", measured), threshold);
    }

    /** The client counts of the module's server results, latency or throughput. */
    private static TreeSet<Integer> clientCounts(Run run, String module) {
        TreeSet<Integer> counts = new TreeSet<>();
        run.ofModule(module).stream().map(r -> r.param(CLIENTS)).filter(c -> c != null).forEach(c -> counts.add(Integer.parseInt(c)));
        return counts;
    }

    /** The smallest size both servers were measured at with {@code at}'s clients, latency or throughput. */
    private static Optional<Long> smallestCommonSize(Run run, Map<String, String> at) {
        TreeSet<Long> uds = new TreeSet<>();
        TreeSet<Long> tcp = new TreeSet<>();
        for (boolean latency : new boolean[] {true, false}) {
            Pick.all(run, "uds", latency, at).forEach(r -> r.size().ifPresent(uds::add));
            Pick.all(run, "tcp", latency, at).forEach(r -> r.size().ifPresent(tcp::add));
        }
        uds.retainAll(tcp);
        return uds.isEmpty() ? Optional.empty() : Optional.of(uds.first());
    }
}
