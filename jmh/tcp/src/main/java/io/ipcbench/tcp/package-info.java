/**
 * The TCP mechanism: one loopback connection through java.nio ({@link io.ipcbench.tcp.TcpMechanism},
 * moving messages through {@code link.NioStreamLink}), and its remote mode, where the peer is a
 * {@link io.ipcbench.tcp.TcpPeerServer} started by hand, perhaps on another host. The benchmarks are
 * in jmh/tcp. It depends on {@code link}, {@code os}, and on {@code peer} for the server's serving loop.
 */
package io.ipcbench.tcp;
