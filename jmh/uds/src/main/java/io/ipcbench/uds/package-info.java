/**
 * The Unix domain socket mechanism ({@link io.ipcbench.uds.UdsMechanism}) in its three
 * {@link io.ipcbench.uds.SocketType}s: STREAM through java.nio ({@code StreamSockets}, moving
 * messages through {@code link.NioStreamLink}), SEQPACKET and DGRAM through socket(2)
 * ({@code PacketSockets}, {@code PacketLink}); and fan-in N to 1 through one DGRAM socket or N
 * SEQPACKET connections polled together ({@code PacketFanIn}). The benchmarks are in jmh/uds. It depends on
 * {@code link} and {@code os}.
 */
package io.ipcbench.uds;
