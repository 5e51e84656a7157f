package io.ipcbench.jmh;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Stands in for the harness's param check in the runner tests' fake benchmark jars (the CLI does
 * not depend on the harness): its benchmarks declare size, pinning, fail, result and cpuSharing; a size must
 * be digits. It answers as the real one does: exit 0 with the benchmarks selected and the params
 * declared, or exit 2 with one line.
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
        System.exit(0);
    }
}
