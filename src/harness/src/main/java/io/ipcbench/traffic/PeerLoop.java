package io.ipcbench.traffic;

import java.util.List;

/**
 * The peer's serving loop, shared by both roles. It is entered once per trial and left only by an
 * exception (the other side gone), so the JIT could compile it only by on-stack replacement, late
 * and at a point that depends on the message rate: at blocking rates, in the middle of a measured
 * iteration. Instead the loop is never compiled ({@link #JIT_OPTIONS}); it calls the per-message
 * code {@value #MESSAGES_PER_CALL} messages at a time, a method the JIT compiles like any other,
 * when its invocation and loop counts say it is hot: by C1 after about 2,000 messages, by C2
 * after about 18,000. One interpreted call per {@value #MESSAGES_PER_CALL} messages costs about
 * a nanosecond a message, and none on the echo's critical path.
 */
public final class PeerLoop {
    /**
     * Few enough that the counts reach C2's thresholds soon (the more messages a call, the more
     * messages before its 600th call), enough to spread the interpreted call over many messages.
     */
    static final int MESSAGES_PER_CALL = 16;

    /**
     * Options of the peer JVM. Never compile {@link #serve} (quiet: the JVM would otherwise print
     * the command, and the exclusion whenever it applies, on stdout, the peer's control channel).
     * And compile in the foreground (-Xbatch): a method is compiled when its counts say so, at the
     * same message on any machine. In the background, the JVM's own start-up compilations (the
     * java.lang.foreign linker generates classes, and C2 spends a second or two of a busy small
     * VM on the class-file library's largest methods) still held its one C2 thread when traffic
     * began, and the per-message code waited behind them, past a second of warm-up; in the
     * foreground they are over before the peer reports READY.
     */
    public static final List<String> JIT_OPTIONS = List.of("-Xbatch", "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=exclude," + PeerLoop.class.getName() + "::serve");

    private PeerLoop() {}

    /** Calls {@code serveSome}, which serves {@link #MESSAGES_PER_CALL} messages a call, until it throws. */
    static void serve(Runnable serveSome) {
        while (true) {
            serveSome.run();
        }
    }
}
