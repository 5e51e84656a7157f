package io.ipcbench.bench;

import io.ipcbench.link.Params;
import io.ipcbench.os.Pinning;

import java.util.Locale;

/**
 * What a trial does with the CPUs first, in the benchmark JVM, before its other end exists: every
 * thread of the JVM moves to the housekeeping CPUs (threads started later inherit that mask from
 * their creator), then the two measuring CPUs are probed while nothing else runs on them. Only
 * then is the peer started and, at each iteration, the measuring thread pinned. Public for the
 * benchmarks that do not extend the two base classes (jmh/cacheline).
 */
public final class TrialCpus {
    private TrialCpus() {}

    /** The trial's plan, with this JVM confined and the measuring CPUs probed. */
    public static Pinning.Plan prepare(Params params) {
        Pinning.Plan plan = params.pinning().plan();
        plan.confineThisProcess();
        double probe = PingPongProbe.run(plan);
        // on a line of its own: JMH has printed the first iteration's label without ending the line
        System.out.println(System.lineSeparator() + "# ipcbench CPUs: " + plan.describe()
                + (Double.isNaN(probe) ? "" : "; probe: " + String.format(Locale.ROOT, "%.0f", probe) + " ns per cache-line round trip"));
        return plan;
    }
}
