package io.ipcbench.udp;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.SpinThenCheck;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.Sockets;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Link} over a connected UDP socket on 127.0.0.1, which may lose datagrams (a full
 * receive buffer drops them; nothing tells the sender). Each datagram carries a 16-byte header
 * in front of the payload, sent and received with it in one sendmsg/recvmsg (two iovecs, no
 * copy): its sequence number in that direction, and how many datagrams the sending end has
 * found missing so far. What the ends do about a loss:
 * <ul>
 *   <li>The peer's end sees a gap in the numbers: the missing datagrams are counted as drops,
 *   and its next receives return at once, one per missing datagram, leaving the buffer as it
 *   was (placeholders), so that the traffic's own counts (the one-way acknowledgements) stay
 *   in step with what the benchmark sent. A verifying peer finds a placeholder's content wrong
 *   and fails: the tests allow no loss.</li>
 *   <li>The benchmark's end, waiting for a reply or an acknowledgement that has not come within
 *   {@value #PROBE_AFTER_MILLIS} ms, sends a probe: a header without payload, carrying how many
 *   datagrams it has sent. A peer that received fewer counts the tail as dropped and returns
 *   placeholders for it (a lost tail leaves no later datagram to reveal the gap); a peer that
 *   received them all sends its last datagram again (the reply or acknowledgement was lost, or
 *   is late). A copy that arrives after its original is recognised by its number and skipped.
 *   Sending again reads the caller's buffer of the last send, which both traffic shapes leave
 *   unchanged until their next receive returns (the echo's reply, the sink's acknowledgement),
 *   so nothing is copied per message for a loss that may never come.</li>
 * </ul>
 * The peer reports its count of drops in every header; {@link #drops} gives it on the
 * benchmark's side. What it cannot tell apart fails, naming the numbers: a datagram from the peer
 * missing before a later one (acknowledgements count messages, and a lost count cannot be made
 * up), one that arrives after a later one, or twice without a probe to explain it, or of another
 * length than expected.
 * <p>
 * BUSY_POLL passes MSG_DONTWAIT and retries EAGAIN at once; BLOCKING sleeps in the kernel with
 * SO_RCVTIMEO and SO_SNDTIMEO of {@value #PROBE_AFTER_MILLIS} ms: a datagram socket has no end
 * of file, so every timeout checks the other process, and on the benchmark's side probes.
 */
final class DatagramLink implements Link {
    static final int HEADER_BYTES = 16;
    static final long PROBE_AFTER_MILLIS = 200;
    private static final long PROBE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(PROBE_AFTER_MILLIS);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;

    /** Which process holds this end: only the benchmark's probes, only the peer's answers probes and counts drops. */
    enum End { BENCHMARK, PEER }

    private final int fd;
    private final End end;
    private final Liveness other;
    private final SpinThenCheck spin;
    private final boolean busyPoll;
    private final int sendFlags;
    private final int receiveFlags;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment sendHeader;
    private final MemorySegment sendIov;
    private final MemorySegment sendMessage;
    private final MemorySegment receiveHeader;
    private final MemorySegment receiveIov;
    private final MemorySegment receiveMessage;
    private final MemorySegment probeHeader;
    private final MemorySegment probeMessage;
    private long sendSeq;
    private long receiveSeq;
    /** Peer's end: datagrams it found missing. Benchmark's end: the peer's count, as its last datagram reported it. */
    private long drops;
    /** Peer's end: receives still to return without a datagram, one per datagram found missing. */
    private long placeholders;
    /** Peer's end: whether it has sent anything, which a probe may ask it to send again. */
    private boolean sentAny;
    /** Benchmark's end: probes sent whose answer may yet arrive as a second copy of a datagram already received. */
    private long copiesExpected;
    private long probes;

    DatagramLink(int fd, End end, FdWait wait, Liveness other) {
        this.fd = fd;
        this.end = end;
        this.other = other;
        this.spin = new SpinThenCheck(other);
        this.busyPoll = wait == FdWait.BUSY_POLL;
        int dontWait = busyPoll ? Sockets.MSG_DONTWAIT : 0;
        this.sendFlags = dontWait;
        this.receiveFlags = Sockets.MSG_TRUNC | dontWait;
        this.sendHeader = arena.allocate(HEADER_BYTES, 8);
        this.sendIov = iovecs(sendHeader, 2);
        this.sendMessage = messageHeader(sendIov, 2);
        this.receiveHeader = arena.allocate(HEADER_BYTES, 8);
        this.receiveIov = iovecs(receiveHeader, 2);
        this.receiveMessage = messageHeader(receiveIov, 2);
        this.probeHeader = arena.allocate(HEADER_BYTES, 8);
        this.probeMessage = messageHeader(iovecs(probeHeader, 1), 1);
        if (!busyPoll) {
            Sockets.setTimeout(fd, Sockets.SO_RCVTIMEO, PROBE_AFTER_MILLIS);
            Sockets.setTimeout(fd, Sockets.SO_SNDTIMEO, PROBE_AFTER_MILLIS);
        }
    }

    /** {@code count} struct iovecs, the first over {@code header}; the second (the payload) is set per call. */
    private MemorySegment iovecs(MemorySegment header, int count) {
        MemorySegment iov = arena.allocate(count * InetDatagrams.IOVEC_BYTES, 8);
        iov.set(LONG, 0, header.address());
        iov.set(LONG, 8, HEADER_BYTES);
        return iov;
    }

    /** A struct msghdr over {@code count} iovecs, no address (the socket is connected), no control data. */
    private MemorySegment messageHeader(MemorySegment iov, int count) {
        MemorySegment message = arena.allocate(InetDatagrams.MSGHDR_BYTES, 8);
        message.set(LONG, InetDatagrams.MSG_IOV, iov.address());
        message.set(LONG, InetDatagrams.MSG_IOVLEN, count);
        return message;
    }

    /** Points the payload iovec of {@code iov} at {@code length} bytes of {@code buffer}. */
    private static void payload(MemorySegment iov, MemorySegment buffer, int length) {
        iov.set(LONG, InetDatagrams.IOVEC_BYTES, buffer.address());
        iov.set(LONG, InetDatagrams.IOVEC_BYTES + 8, length);
    }

    @Override
    public void send(MemorySegment message, int length) {
        payload(sendIov, message, length);
        sendHeader.set(LONG, 0, sendSeq);
        sendHeader.set(LONG, 8, drops);
        transmit(sendMessage, HEADER_BYTES + length, "its end to take a datagram of " + length + " bytes");
        sendSeq++;
        sentAny = true;
    }

    /** Peer's end, on a probe that finds nothing missing: the last datagram again, same number, the current count of drops. */
    private void sendLastAgain() {
        if (sentAny) {
            sendHeader.set(LONG, 8, drops);
            int length = (int) sendIov.get(LONG, InetDatagrams.IOVEC_BYTES + 8);
            transmit(sendMessage, HEADER_BYTES + length, "its end to take a datagram sent again");
        }
    }

    /** Benchmark's end: a header without payload, saying how many datagrams this end has sent. */
    private void probe() {
        probeHeader.set(LONG, 0, sendSeq);
        transmit(probeMessage, HEADER_BYTES, "its end to take a probe");
        probes++;
        copiesExpected++;
    }

    private void transmit(MemorySegment message, int datagram, String gone) {
        while (true) {
            long n = InetDatagrams.sendmsg(fd, message.address(), sendFlags);
            if (n == datagram) {
                return;
            }
            if (n >= 0) {
                throw new IllegalStateException("udp: sendmsg(2) took " + n + " bytes of a " + datagram
                        + "-byte datagram, where a datagram moves whole or not at all");
            }
            int errno = (int) -n;
            if (errno == Errno.EAGAIN) {
                waitTurn("room in the socket send buffer");
            } else if (errno == Errno.ECONNREFUSED) {
                throw other.gone(gone);
            } else if (errno == Errno.EMSGSIZE) {
                throw new IllegalStateException("udp: a datagram of " + datagram
                        + " bytes is too long to send (EMSGSIZE); validate should have refused this size");
            } else if (errno != Errno.EINTR) {
                throw new NativeException("sendmsg(fd " + fd + ", " + datagram + " bytes)", errno);
            }
        }
    }

    @Override
    public void receive(MemorySegment into, int length) {
        if (placeholders > 0) {
            placeholders--;
            return;
        }
        payload(receiveIov, into, length);
        long waitingSince = 0; // busy polling: when the first EAGAIN came, read only once one has
        while (true) {
            long n = InetDatagrams.recvmsg(fd, receiveMessage.address(), receiveFlags);
            if (n >= 0) {
                if (accepted(n, length)) {
                    return;
                }
                continue;
            }
            int errno = (int) -n;
            if (errno == Errno.EAGAIN) {
                if (busyPoll) {
                    spin.idle("a datagram");
                    if (end == End.BENCHMARK) {
                        long now = System.nanoTime();
                        if (waitingSince == 0) {
                            waitingSince = now;
                        } else if (now - waitingSince > PROBE_AFTER_NANOS) {
                            probe();
                            waitingSince = now;
                        }
                    }
                } else {
                    other.check("a datagram");
                    if (end == End.BENCHMARK) {
                        probe();
                    }
                }
            } else if (errno == Errno.ECONNREFUSED) {
                throw other.gone("a datagram of " + length + " bytes");
            } else if (errno != Errno.EINTR) {
                throw new NativeException("recvmsg(fd " + fd + ", " + length + " bytes)", errno);
            }
        }
    }

    /** Whether the datagram of {@code n} bytes just received completes the receive; false: skipped, receive the next. */
    private boolean accepted(long n, int length) {
        long seq = receiveHeader.get(LONG, 0);
        if (n == HEADER_BYTES) {
            if (end == End.BENCHMARK) {
                throw new IllegalStateException("udp: a datagram without payload (a probe) arrived at the benchmark's end, where only the peer receives probes");
            }
            return answerProbe(seq);
        }
        if (n != HEADER_BYTES + length) {
            throw new IllegalStateException("udp: a datagram of " + (n - HEADER_BYTES) + " payload bytes arrived where one of " + length
                    + " was due" + (n > HEADER_BYTES + length ? "; only " + length + " fit and the kernel discarded the rest (MSG_TRUNC)" : ""));
        }
        if (seq == receiveSeq) {
            receiveSeq++;
            if (end == End.BENCHMARK) {
                drops = receiveHeader.get(LONG, 8);
            }
            return true;
        }
        if (seq > receiveSeq && end == End.PEER) {
            long missing = seq - receiveSeq;
            drops += missing;
            placeholders += missing;
            receiveSeq = seq + 1;
            return true;
        }
        if (seq < receiveSeq && end == End.BENCHMARK && copiesExpected > 0) {
            copiesExpected--;
            return false;
        }
        throw new IllegalStateException("udp: datagram " + seq + " from the " + (end == End.PEER ? "benchmark" : "peer") + " arrived where "
                + receiveSeq + " was due: " + (seq < receiveSeq
                        ? "it arrived again or after a later one (duplicated or reordered), and no probe of this end asked for it"
                        : "datagrams from the peer to the benchmark were lost before a later one, and an acknowledgement or a reply cannot be made up"));
    }

    /** Peer's end, a probe saying the benchmark sent {@code sent}: returns whether a placeholder completes the receive now. */
    private boolean answerProbe(long sent) {
        if (sent > receiveSeq) {
            long missing = sent - receiveSeq;
            drops += missing;
            placeholders += missing - 1;
            receiveSeq = sent;
            return true;
        }
        if (sent == receiveSeq) {
            sendLastAgain();
            return false;
        }
        throw new IllegalStateException("udp: a probe says the benchmark sent " + sent + " datagrams, but " + receiveSeq + " arrived");
    }

    /** Waiting for room to send: a busy-poll turn, or a timed blocking wait that expired; either way, is the other side still there? */
    private void waitTurn(String waitingFor) {
        if (busyPoll) {
            spin.idle(waitingFor);
        } else {
            other.check(waitingFor);
        }
    }

    /** Benchmark's end: datagrams to the peer that the peer found missing, as it last reported. Peer's end: its own count. */
    long drops() {
        return drops;
    }

    /** Benchmark's end: probes sent after a wait of {@value #PROBE_AFTER_MILLIS} ms for the peer. */
    long probes() {
        return probes;
    }

    @Override
    public void close() {
        Libc.close(fd);
        arena.close();
    }
}
