package io.ipcbench.cli.results;

/**
 * How busy the machine was with work other than the run, from /proc/stat over the run's whole
 * duration: on a shared machine this decides whether two runs are comparable at all. The run's own
 * CPU time (the runner, every JMH fork and every peer, which the kernel adds to their parents'
 * when they are reaped) is subtracted from all busy time; hypervisor steal is time a virtual CPU
 * wanted to run and the host gave to someone else.
 *
 * @param otherCpuPercent CPU time of other processes, in % of all CPUs' time (100 = every CPU busy)
 * @param stealPercent    time stolen by the hypervisor, in % of all CPUs' time
 * @param loadAverages    the 1-minute load average at the start and at the end
 */
public record MachineLoad(double otherCpuPercent, double stealPercent, String loadAverages) {
    /** Other work beyond this share makes a run's numbers the machine's as much as the code's. */
    static final double BUSY_PERCENT = 10;

    public boolean busy() {
        return otherCpuPercent > BUSY_PERCENT || stealPercent > BUSY_PERCENT;
    }

    public String describe() {
        return Fmt.num(otherCpuPercent) + " % of the CPUs used by other processes, " + Fmt.num(stealPercent)
                + " % stolen by the hypervisor (load average " + loadAverages + ")";
    }
}
