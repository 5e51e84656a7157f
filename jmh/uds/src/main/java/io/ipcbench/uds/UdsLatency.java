package io.ipcbench.uds;

import io.ipcbench.bench.RoundTripBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Round trip through a Unix domain socket: send, the peer's receive wakes, it sends the message
 * back. Isolates the socket layer's cost against a pipe's for the same copy in and out of the
 * kernel: STREAM moves bytes (java.nio, looping over short reads), SEQPACKET and DGRAM move one
 * whole message per call, which the kernel keeps apart. Against TCP loopback it shows what the
 * network stack adds on one host. With {@code transfer=FD_PASSING} each direction hands over a
 * sealed memfd holding the message instead (SCM_RIGHTS): one sendmsg and one recvmsg per message
 * whatever its size, against memfd_create, ftruncate, sealing, the size and seal checks and two
 * closes, and both copies still made (written into the memfd, pread out of it): where the
 * socket's own per-piece cost outgrows that, passing the descriptor wins.
 * Left out on purpose: connection set-up, the peer's credential check and the socket files, done
 * once per trial.
 * Pitfalls avoided: payloads move between native memory and the kernel through direct-buffer
 * views (no copy into the Java heap, nothing allocated per message); a datagram longer or
 * shorter than expected fails the trial (MSG_TRUNC) instead of being cut silently; sizes a
 * SEQPACKET or DGRAM message cannot carry on this kernel are refused, naming the sysctl.
 */
public class UdsLatency extends RoundTripBenchmark {
    @Param
    public SocketType type;

    /** BLOCKING sleeps in the kernel and is woken per message; BUSY_POLL retries at once, removing the wake-up. */
    @Param
    public FdWait wait;

    /**
     * COPY: the payload goes through the socket. FD_PASSING: a sealed memfd holding it does, in
     * SCM_RIGHTS; the sender writes and seals a fresh memfd per message, the receiver checks the
     * seals, preads every byte and closes it.
     */
    @Param
    public Transfer transfer;

    public UdsLatency() {
        super(new UdsMechanism());
    }

    /** One operation: a message of {@code size} bytes sent through the socket and received back whole. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTripOnce();
    }
}
