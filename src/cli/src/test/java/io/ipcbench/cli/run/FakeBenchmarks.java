package io.ipcbench.cli.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Stands in for a JMH benchmarks.jar in the runner's tests: prints its arguments, its JVM's options and the run.json
 * next to its result file (as the runner left it before starting the module), writes the
 * {@code -rff} result file (a copy of the file given as {@code -p result=FILE}, else no result),
 * appends {@code TEXT} to the file named by IPCBENCH_CPU_SHARING when given {@code -p cpuSharing=TEXT}
 * (as a pinned trial does on finding another run on its CPUs), and exits with status 3 when given
 * {@code -p fail=true}.
 */
public final class FakeBenchmarks {
    private FakeBenchmarks() {
    }

    public static void main(String[] args) throws IOException {
        List<String> arguments = List.of(args);
        System.out.println("fake benchmarks ran with: " + String.join(" ", arguments));
        System.out.println("fake benchmarks' JVM options: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        Path resultFile = Path.of(arguments.get(arguments.indexOf("-rff") + 1));
        System.out.println(Files.readString(resultFile.resolveSibling("run.json")));
        String copied = arguments.stream().filter(a -> a.startsWith("result=")).findFirst().orElse(null);
        if (copied == null) {
            Files.writeString(resultFile, "[]");
        } else {
            Files.copy(Path.of(copied.substring("result=".length())), resultFile);
        }
        String sharing = arguments.stream().filter(a -> a.startsWith("cpuSharing=")).findFirst().orElse(null);
        if (sharing != null) {
            System.out.println("fake benchmarks ran in " + System.getenv("IPCBENCH_RUN"));
            Files.writeString(Path.of(System.getenv("IPCBENCH_CPU_SHARING")), sharing.substring("cpuSharing=".length()) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.exit(arguments.contains("fail=true") ? 3 : 0);
    }
}
