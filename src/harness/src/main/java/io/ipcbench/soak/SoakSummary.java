package io.ipcbench.soak;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one mechanism's soak did: per session (variant, shape, size) the messages verified, the
 * payload bytes they carried (both ways for round trips) and the time, or the failure; and the
 * totals, with the first failure named.
 */
public record SoakSummary(String mechanism, long target, List<Result> results, long nanos) {
    /** One session; {@code failure} is null when every message arrived once, in order, intact. */
    public record Result(SoakSchedule.Session session, long messages, long bytes, long nanos, String failure) {
        public boolean passed() {
            return failure == null;
        }

        /** One line: what ran, how much, how long, and ok or the failure. */
        public String line() {
            return session.label() + ": " + number(messages) + " messages, " + number(bytes) + " bytes, "
                    + seconds(nanos) + " s: " + (passed() ? "ok" : "FAILED: " + failure);
        }
    }

    public long messages() {
        return results.stream().mapToLong(Result::messages).sum();
    }

    public long bytes() {
        return results.stream().mapToLong(Result::bytes).sum();
    }

    public long failures() {
        return results.stream().filter(r -> !r.passed()).count();
    }

    public Optional<Result> firstFailure() {
        return results.stream().filter(r -> !r.passed()).findFirst();
    }

    /** The verdict in one line. */
    public String verdict() {
        String totals = mechanism + ": " + number(messages()) + " messages, " + number(bytes()) + " bytes in "
                + results.size() + " sessions, " + seconds(nanos) + " s: ";
        return firstFailure().map(first -> totals + failures() + " of " + results.size() + " sessions FAILED; first: "
                        + first.session().label() + ": " + first.failure())
                .orElse(totals + "every message verified, 0 lost, repeated, reordered or corrupted");
    }

    /** A Markdown section: every session, then the verdict. */
    public String markdown() {
        StringBuilder md = new StringBuilder("## Soak: ").append(mechanism).append("\n\n")
                .append("Target ").append(number(target)).append(" messages. Round trips move each message both ways.\n\n")
                .append("| Shape and variant | Size | Messages | Bytes | Seconds | Result |\n|---|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            SoakSchedule.Session s = r.session();
            md.append("| ").append(s.variant().label()).append(" | ").append(s.size() == 0 ? "—" : number(s.size()))
                    .append(" | ").append(number(r.messages())).append(" | ").append(number(r.bytes()))
                    .append(" | ").append(seconds(r.nanos())).append(" | ")
                    .append(r.passed() ? "ok" : "FAILED: " + r.failure().replace('\n', ' ').replace("|", "\\|")).append(" |\n");
        }
        return md.append("\n**").append(verdict().replace('\n', ' ')).append("**\n").toString();
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
