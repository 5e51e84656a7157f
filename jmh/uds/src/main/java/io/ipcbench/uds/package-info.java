/**
 * The Unix domain socket mechanism ({@link io.ipcbench.uds.UdsMechanism}) in its three
 * {@link io.ipcbench.uds.SocketType}s: STREAM through java.nio ({@code StreamSockets}, moving
 * messages through {@code link.NioStreamLink}), SEQPACKET and DGRAM through socket(2)
 * ({@code PacketSockets}, {@code PacketLink}). The benchmarks are in jmh/uds. It depends on
 * {@code link} and {@code os}.
 */
package io.ipcbench.uds;
