package io.ipcbench.tcp;

import io.ipcbench.link.Params;
import io.ipcbench.link.Role;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The first words on a remote-mode connection, one ASCII line each way, before any message: the
 * benchmark sends {@code ipcbench-tcp/1 ECHO size=64 nodelay=true wait=BLOCKING ...} (its role
 * for the server and the trial's parameters), the server answers {@code OK} or
 * {@code ERROR <why>}. Neither side sends anything more until it has read the other's line, so
 * reading a line byte by byte never takes a byte of the traffic that follows.
 */
final class TcpHandshake {
    static final String VERSION = "ipcbench-tcp/1";
    static final String OK = "OK";
    static final String ERROR = "ERROR ";
    private static final int MAX_LINE = 4096;

    /** What the benchmark asked the server to be. */
    record Hello(Role role, Params params) {}

    private TcpHandshake() {}

    static String hello(Role role, Params params) {
        List<String> args = params.toArgs();
        if (args.stream().anyMatch(arg -> arg.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("tcp: a parameter value contains a space, which remote mode cannot send: " + args);
        }
        return VERSION + " " + role + " " + String.join(" ", args);
    }

    static Hello parse(String line) {
        List<String> words = Arrays.asList(line.split(" "));
        if (words.size() < 2 || !words.getFirst().equals(VERSION)) {
            throw new IllegalArgumentException("expected '" + VERSION + " ROLE key=value...', got '" + line
                    + "': the benchmark and this server come from different versions of ipcbench, or this is not a benchmark");
        }
        Role role;
        try {
            role = Role.valueOf(words.get(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role " + words.get(1) + "; expected one of " + Arrays.toString(Role.values()));
        }
        return new Hello(role, new Params("tcp", Params.parseArgs(words.subList(2, words.size()))));
    }

    /** Writes one line; the channel is non-blocking during the handshake. */
    static void send(SocketChannel channel, String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
        long deadline = deadline();
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                pause(deadline, "to send its handshake");
            }
        }
    }

    /** Reads one line, byte by byte, within the handshake timeout; fails on end of stream. */
    static String receive(SocketChannel channel) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder line = new StringBuilder();
        long deadline = deadline();
        while (true) {
            int n = channel.read(one.clear());
            if (n < 0) {
                throw new IOException("the other side closed the connection during the handshake"
                        + (line.isEmpty() ? "" : " after '" + line + "'"));
            } else if (n == 0) {
                pause(deadline, "the other side's handshake line");
            } else if (one.get(0) == '\n') {
                return line.toString();
            } else if (line.length() == MAX_LINE) {
                throw new IOException("the handshake line is longer than " + MAX_LINE + " bytes: not an ipcbench peer");
            } else {
                line.append((char) (one.get(0) & 0xFF));
            }
        }
    }

    /** "127.0.0.1:7000", "[::1]:7000". */
    static String text(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(TcpRemote.HANDSHAKE_SECONDS);
    }

    private static void pause(long deadline, String waitingFor) throws IOException {
        if (System.nanoTime() > deadline) {
            throw new IOException("no handshake within " + TcpRemote.HANDSHAKE_SECONDS + " s: waited for " + waitingFor);
        }
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during the handshake", e);
        }
    }
}
