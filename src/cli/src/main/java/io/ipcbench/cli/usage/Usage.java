package io.ipcbench.cli.usage;

/**
 * What every command's command line shares: the usage printed with a wrong one, and the longest
 * argument any command accepts.
 */
public final class Usage {
    public static final String TEXT = """
            usage: java --enable-native-access=ALL-UNNAMED -jar ipcbench.jar COMMAND ...
              run [--profile=NAME] [--modules=a,b] [--bench=REGEX] [--jmh="extra JMH flags"] [--results=DIR] [--root=DIR] \
            [--flame=cpu|wall|itimer|lock|alloc] [--baseline=RUN]
                   runs every built jmh/<module>/target/benchmarks.jar with profiles/<NAME>.properties (default quick),
                   records the run under <results>/<kernel release>/<run id>/ with its report, and the diff against
                   the baseline run folder if one is given
              report RUN
                   writes report.md, report.html and plots/*.png into the run folder RUN
              lessons RUN
                   checks the classic IPC claims against RUN: reproduced, not reproduced, inconclusive, not measured
              pick --size=BYTES [--p50=TIME] [--p99=TIME] [--rate=N/s] [--spin=yes|no] [--rank=p50|p99|rate] RUN
                   which mechanisms of RUN meet the need (e.g. --size=4096 --p99=20us --rate=100k/s --spin=no), ranked,
                   with their CPU and context switches per message and the run's caveats
              diff BASE NEW [--threshold=PCT] [--html=FILE]
                   compares two run folders (Markdown on standard output, HTML in NEW/diff-<base id>.html);
                   exit status 1 when a result regressed significantly by more than PCT % (default 10)""";

    /** The longest argument, and the longest line of a profile. */
    public static final int MAX_ARGUMENT_CHARS = 4096;

    private Usage() {
    }
}
