package io.ipcbench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code SoakMain MECHANISM MESSAGES SIZES_PER_VARIANT|all SUMMARY.md}: one mechanism's soak, as
 * the runner's {@code soak} profile starts it in each module's benchmarks.jar (which holds the
 * whole harness). Prints each session as it ends, writes the Markdown summary, prints the
 * verdict. Exit status 0: every message verified; 1: a session failed; 2: bad arguments (one
 * line, before anything runs).
 */
public final class SoakMain {
    /** The largest message target: about a day of the slowest mechanisms' streams. */
    public static final long MAX_MESSAGES = 10_000_000_000L;

    private SoakMain() {}

    public static void main(String[] args) {
        SoakPlan plan;
        long messages;
        int sizesPerVariant;
        Path summary;
        try {
            if (args.length != 4) {
                throw new IllegalArgumentException("expected MECHANISM MESSAGES SIZES_PER_VARIANT|all SUMMARY.md, got "
                        + List.of(args));
            }
            plan = SoakPlan.of(args[0]);
            messages = messages(args[1]);
            sizesPerVariant = sizesPerVariant(args[2]);
            summary = Path.of(args[3]);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        SoakSummary result = Soak.run(plan, messages, sizesPerVariant, r -> System.out.println("soak " + plan.name() + ": " + r.line()));
        try {
            Files.writeString(summary, result.markdown());
        } catch (IOException e) {
            System.err.println("soak: cannot write the summary to " + summary + ": " + e);
            System.exit(1);
        }
        System.out.println("soak " + result.verdict());
        System.exit(result.failures() == 0 ? 0 : 1);
    }

    /** A message target: a whole number from 1 to {@link #MAX_MESSAGES}. */
    public static long messages(String raw) {
        return wholeNumber(raw, MAX_MESSAGES, "messages per mechanism is a whole number from 1 to " + MAX_MESSAGES);
    }

    /** "all", or how many sizes each variant runs, from 1 to the number of scheduled sizes plus the largest. */
    public static int sizesPerVariant(String raw) {
        int most = SoakSchedule.SIZES.size() + 1;
        return raw.strip().equals("all") ? SoakSchedule.ALL_SIZES
                : (int) wholeNumber(raw, most, "sizes per variant is 'all' or a whole number from 1 to " + most);
    }

    private static long wholeNumber(String raw, long max, String rule) {
        try {
            long n = Long.parseLong(raw.strip());
            if (n < 1 || n > max) {
                throw new IllegalArgumentException(raw + " is out of range; " + rule);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a number; " + rule);
        }
    }
}
