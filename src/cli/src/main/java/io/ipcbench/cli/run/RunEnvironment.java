package io.ipcbench.cli.run;

import static io.ipcbench.cli.results.RunInfo.UNKNOWN;

import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The machine a run measured, as recorded in run.json: IPC costs move with the kernel, the CPU, SMT,
 * the CPUs the run may use and the speculative-execution mitigations, so two runs are only comparable
 * when these are known. Anything the kernel does not expose is recorded as "unknown".
 */
record RunEnvironment(String hostname, String kernelRelease, String kernelVersion, String cpuModel,
                      int logicalCpus, String allowedCpus, String smtActive,
                      Map<String, String> vulnerabilities, Jdk jdk) {

    /** The JDK that runs the CLI, and therefore every JMH fork and peer it starts. */
    record Jdk(String version, String vmName, String vendor, String home) {
        static Jdk current() {
            return new Jdk(System.getProperty("java.version"), System.getProperty("java.vm.name"),
                    System.getProperty("java.vendor"), System.getProperty("java.home"));
        }
    }

    static RunEnvironment probe() {
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        return new RunEnvironment(
                read(Path.of("/proc/sys/kernel/hostname")),
                readKernelRelease(),
                read(Path.of("/proc/sys/kernel/version")),
                field(cpuinfo, "model name"),
                (int) cpuinfo.stream().filter(l -> l.startsWith("processor")).count(),
                field(lines(Path.of("/proc/self/status")), "Cpus_allowed_list"),
                read(Path.of("/sys/devices/system/cpu/smt/active")),
                vulnerabilities(Path.of("/sys/devices/system/cpu/vulnerabilities")),
                Jdk.current());
    }

    /** Names the results folder, so a run cannot start without it. */
    static String readKernelRelease() {
        String release = read(Path.of("/proc/sys/kernel/osrelease"));
        if (release.equals(UNKNOWN)) {
            throw new CliException("cannot read /proc/sys/kernel/osrelease; ipcbench runs on Linux with /proc mounted");
        }
        return release;
    }

    private static Map<String, String> vulnerabilities(Path dir) {
        Map<String, String> byName = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> byName.put(f.getFileName().toString(), read(f)));
        } catch (IOException e) {
            byName.put("(all)", UNKNOWN);
        }
        return byName;
    }

    /** The value of the first "name : value" line, as in /proc/cpuinfo and /proc/self/status. */
    private static String field(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith(name)).map(l -> l.split(":", 2))
                .filter(kv -> kv.length == 2 && kv[0].strip().equals(name))
                .map(kv -> kv[1].strip()).findFirst().orElse(UNKNOWN);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
