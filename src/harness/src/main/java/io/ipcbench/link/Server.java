package io.ipcbench.link;

import io.ipcbench.os.NamedObjects;

import java.util.Map;

/**
 * A stream socket that carries the request/response server topology: one server process waits
 * on C client connections with epoll ({@code traffic.EchoServer}) and answers each request; each client
 * does round trips ({@code traffic.EchoClient}). The same class is instantiated by name in the benchmark
 * JVM and in every peer JVM (a public no-argument constructor): {@link #validate} reads the params
 * before anything exists, {@link #listen} (benchmark side) creates the listening socket before any
 * peer starts, {@link #connect} (each client) opens a connection to it.
 */
public interface Server {
    /** Short name used in results and messages, e.g. "uds". */
    String name();

    /** Throws {@link IllegalArgumentException} naming a bad parameter and what is allowed, for {@code clients} clients. */
    void validate(Params params, int clients);

    /** A listening socket with a backlog of {@code clients}, created and removed through {@code names}. */
    Listener listen(Params params, int clients, NamedObjects names);

    /** A client's end: a blocking stream socket connected to the listener {@code offered} names. */
    int connect(Params params, Map<String, String> offered);

    /** What the server does with each accepted connection before it serves it (TCP_NODELAY); nothing by default. */
    default void accepted(int connection) {}

    /**
     * The benchmark side's listening socket: its descriptor in the JVM that created it, and the
     * key=value pairs every client receives on its command line, where to connect.
     */
    record Listener(int fd, Map<String, String> forClients) {}
}
