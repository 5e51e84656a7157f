package io.ipcbench.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Stands in for the harness's param check in the runner tests' fake benchmark jars (the CLI does
 * not depend on the harness): its benchmarks declare size, pinning, fail, result and cpuSharing; a size must
 * be digits. It answers as the real one does: exit 0 with the benchmarks selected, the params
 * declared, the forks and where each pinning would measure (as on a machine of two CPUs), or exit 2 with one line.
 */
public final class ParamCheck {
    private ParamCheck() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        for (int i = 0; i + 1 < arguments.size(); i++) {
            String value = arguments.get(i + 1);
            if (arguments.get(i).equals("-p") && value.startsWith("size=") && !value.matches("size=[\\d,]+")) {
                System.err.println("fake: " + value + " is not a number; size is the payload in bytes");
                System.exit(2);
            }
        }
        // the include pattern, if any, is the last argument; the fake's benchmark is io.ipcbench.fake.FakeLatency.roundTrip
        String last = arguments.isEmpty() ? "" : arguments.getLast();
        boolean pattern = !last.startsWith("-") && (arguments.size() < 2 || !arguments.get(arguments.size() - 2).startsWith("-"));
        boolean selected = !pattern || Pattern.compile(last).matcher("io.ipcbench.fake.FakeLatency.roundTrip").find();
        System.out.println("benchmarks: " + (selected ? 1 : 0));
        System.out.println("declared: cpuSharing fail pinning result size");
        // one combination, as many forks as -f gives (JMH's default, 5, without it)
        int f = arguments.indexOf("-f");
        System.out.println("forks: " + (selected ? (f >= 0 ? Integer.parseInt(arguments.get(f + 1)) : 5) : 0));
        pinnings(arguments).forEach(pinning -> System.out.println("cpus: " + TWO_CPUS.get(pinning)));
        System.exit(0);
    }

    /** Where the real check would plan each pinning on a machine of two CPUs, one core each. */
    private static final Map<String, String> TWO_CPUS = Map.of(
            "cross-core", "cross-core benchmark=0 peer=1 housekeeping= allowed=0,1 | measuring on CPU 0 (benchmark) and CPU 1"
                    + " (peer); no housekeeping CPU is left (this process may use CPUs [0, 1])",
            "same-core", "same-core benchmark=1 peer=1 housekeeping=0 allowed=0,1 | measuring on CPU 1 (benchmark and peer);"
                    + " every other thread of both JVMs on housekeeping CPUs [0]",
            "none", "none benchmark=-1 peer=-1 housekeeping= allowed=0,1 | nothing pinned: the kernel places every thread on CPUs [0, 1]");

    /** The pinning values given with -p, or the benchmarks' default. */
    private static Set<String> pinnings(List<String> arguments) {
        Set<String> pinnings = new TreeSet<>();
        for (int i = 0; i + 1 < arguments.size(); i++) {
            if (arguments.get(i).equals("-p") && arguments.get(i + 1).startsWith("pinning=")) {
                pinnings.addAll(List.of(arguments.get(i + 1).substring("pinning=".length()).split(",")));
            }
        }
        return pinnings.isEmpty() ? Set.of("cross-core") : pinnings;
    }
}
