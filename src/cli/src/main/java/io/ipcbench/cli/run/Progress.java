package io.ipcbench.cli.run;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The whole run's position, told on the console each time JMH finishes a combination of params:
 * how many of the run's forks are done (the param check counted them before the first one started),
 * the time spent, and when the run should end at the pace so far. It reads JMH's own output: the
 * {@code # Benchmark:}, {@code # Parameters:} and {@code # Fork:} headers and the {@code Result}
 * line that closes a combination.
 */
final class Progress {
    private static final Pattern FORK = Pattern.compile("^# (Warmup )?Fork: ");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final long total;
    private final Clock clock;
    private final Instant start;
    private final PrintStream console;
    private long done;
    private long moduleEnd;
    private long startedInCombination;
    private String benchmark = "";
    private String params = "";

    Progress(long totalForks, Clock clock, PrintStream console) {
        this.total = totalForks;
        this.clock = clock;
        this.start = clock.instant();
        this.console = console;
    }

    void moduleStarting(long forks) {
        moduleEnd = done + forks;
        startedInCombination = 0;
    }

    /** One line of the running module's JMH output. */
    void line(String module, String line) {
        if (line.startsWith("# Benchmark: ")) {
            String name = line.substring("# Benchmark: ".length()).strip();
            // io.ipcbench.pipe.PipeLatency.roundTrip -> PipeLatency.roundTrip
            int method = name.lastIndexOf('.');
            benchmark = name.substring(name.lastIndexOf('.', method - 1) + 1);
            params = "";
        } else if (line.startsWith("# Parameters: ")) {
            params = " " + line.substring("# Parameters: ".length()).strip();
        } else if (FORK.matcher(line).find()) {
            startedInCombination++;
        } else if (line.startsWith("Result \"")) {
            done = Math.min(moduleEnd, done + startedInCombination);
            startedInCombination = 0;
            console.println("ipcbench: " + position() + ": " + module + " " + benchmark + params + " done");
        }
    }

    /** The module has ended; forks a failure kept JMH from starting are behind the run now too. */
    void moduleEnded() {
        done = moduleEnd;
    }

    /** e.g. {@code 12 of 40 forks (30 %), 3 min in, ends ~19:42 UTC (7 min left)} */
    String position() {
        Duration spent = Duration.between(start, clock.instant());
        String text = done + " of " + total + " forks (" + (total == 0 ? 100 : done * 100 / total) + " %), " + minutes(spent) + " in";
        if (done == 0 || done >= total) {
            return text;
        }
        Duration left = spent.multipliedBy(total - done).dividedBy(done);
        return text + ", ends ~" + CLOCK_TIME.format(clock.instant().plus(left)) + " UTC (" + minutes(left) + " left)";
    }

    private static String minutes(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + " s" : seconds < 5400 ? Math.round(seconds / 60.0) + " min"
                : String.format("%.1f h", seconds / 3600.0);
    }
}
