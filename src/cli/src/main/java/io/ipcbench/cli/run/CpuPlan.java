package io.ipcbench.cli.run;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the trials of one pinning value measure, as each module's own param check planned it on
 * this machine before the run (io.ipcbench.os.Pinning in the harness): the CPUs of the measuring
 * thread and of the peer's serving thread, and the housekeeping CPUs every other thread of both
 * JVMs is kept on. Recorded in run.json per pinning value; the report and the console say when no
 * housekeeping CPU is left, since every other thread then preempts a measured one.
 *
 * @param benchmarkCpu     the measuring thread's CPU, -1 when not pinned
 * @param peerCpu          the peer's serving thread's CPU, -1 when not pinned
 * @param housekeepingCpus where every other thread runs; empty when none is left
 * @param allowedCpus      every CPU the run may use
 * @param housekeepingLeft false when the measuring threads are pinned and no other CPU is left
 * @param summary          the plan in words, as the harness says it
 */
record CpuPlan(String pinning, int benchmarkCpu, int peerCpu, List<Integer> housekeepingCpus, List<Integer> allowedCpus,
               boolean housekeepingLeft, String summary) {

    /** The prefix of the param check's lines, e.g. {@code cpus: cross-core benchmark=0 peer=1 housekeeping= allowed=0,1 | words}. */
    static final String LINE = "cpus: ";

    /** Parses one line after {@link #LINE}; throws {@link IllegalArgumentException} naming what is malformed. */
    static CpuPlan parse(String line) {
        String[] parts = line.split(" \\| ", 2);
        String[] words = parts[0].strip().split(" ");
        if (parts.length != 2 || words.length != 5) {
            throw new IllegalArgumentException("'" + line + "' is not PINNING benchmark=N peer=N housekeeping=LIST allowed=LIST | SUMMARY");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String word : Arrays.asList(words).subList(1, words.length)) {
            String[] kv = word.split("=", -1);
            fields.put(kv[0], kv.length == 2 ? kv[1] : "");
        }
        try {
            int benchmark = Integer.parseInt(fields.get("benchmark"));
            int peer = Integer.parseInt(fields.get("peer"));
            List<Integer> housekeeping = cpus(fields.get("housekeeping"));
            return new CpuPlan(words[0], benchmark, peer, housekeeping, cpus(fields.get("allowed")),
                    !housekeeping.isEmpty() || benchmark < 0, parts[1].strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("'" + line + "' has no whole-number benchmark, peer, housekeeping or allowed CPUs");
        }
    }

    private static List<Integer> cpus(String list) {
        return list.isEmpty() ? List.of() : Arrays.stream(list.split(",")).map(Integer::valueOf).toList();
    }
}
