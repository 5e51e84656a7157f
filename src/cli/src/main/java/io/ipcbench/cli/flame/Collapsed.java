package io.ipcbench.cli.flame;

import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A profile in collapsed-stack form, as async-profiler writes it ({@code output=collapsed}): one
 * line per distinct stack, frames from the root separated by ';', then a space and the number of
 * samples. The addresses the JVM gives its hidden classes ({@code LambdaForm$MH.0x0000000085080800.invoke},
 * {@code Foo$$Lambda/0x…}, {@code DowncallStub.0x….invoke}) are dropped from frame names as they are read,
 * as async-profiler's converter drops them for its own differences: they change from one JVM to the
 * next, and the same code must match across runs.
 *
 * @param stacks samples by stack (frames root first)
 */
public record Collapsed(Map<List<String>, Long> stacks) {
    private static final Pattern HIDDEN_CLASS_ADDRESS = Pattern.compile("[./]0x[0-9a-fA-F]{8,16}(?=[./;_]|$)");

    /** Reads a collapsed file; an empty or missing file is refused, naming it: its process's dump failed. */
    public static Collapsed read(Path file) {
        Map<List<String>, Long> stacks = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new CliException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                long samples = Long.parseLong(line.substring(space + 1));
                stacks.merge(List.of(HIDDEN_CLASS_ADDRESS.matcher(line.substring(0, space)).replaceAll("").split(";")), samples, Long::sum);
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new CliException(file + ": line " + (i + 1) + " is not a collapsed stack (frames separated by ';', "
                        + "a space, a sample count)");
            }
        }
        if (stacks.isEmpty()) {
            throw new CliException(file + ": no stack in it (an empty profile: its process's flame dump failed)");
        }
        return new Collapsed(stacks);
    }

    /** The profiles of several runs as one: the samples of each stack added up. */
    public static Collapsed sum(List<Collapsed> profiles) {
        Map<List<String>, Long> stacks = new LinkedHashMap<>();
        profiles.forEach(p -> p.stacks.forEach((stack, samples) -> stacks.merge(stack, samples, Long::sum)));
        return new Collapsed(stacks);
    }

    public long total() {
        return stacks.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Samples of the stacks each frame appears in (a recursive frame counted once per stack). */
    public Map<String, Long> inclusive() {
        Map<String, Long> byFrame = new LinkedHashMap<>();
        stacks.forEach((stack, samples) -> stack.stream().distinct().forEach(frame -> byFrame.merge(frame, samples, Long::sum)));
        return byFrame;
    }

    /** The profile in collapsed form again, each stack's samples multiplied by {@code scale} and rounded; stacks rounded to 0 left out. */
    public String scaled(double scale) {
        StringBuilder out = new StringBuilder();
        stacks.forEach((stack, samples) -> {
            long weight = Math.round(samples * scale);
            if (weight > 0) {
                out.append(String.join(";", stack)).append(' ').append(weight).append('\n');
            }
        });
        return out.toString();
    }
}
