/**
 * The Unix domain socket mechanism ({@link io.ipcbench.uds.UdsMechanism}) in its three
 * {@link io.ipcbench.uds.SocketType}s and two {@link io.ipcbench.uds.Transfer}s. Copying, STREAM
 * goes through java.nio ({@code StreamSockets}, moving messages through {@code link.NioStreamLink}),
 * SEQPACKET and DGRAM through socket(2) ({@code NativeSockets}, {@code PacketLink}). Passing
 * descriptors, every type goes through socket(2): a sealed memfd per message
 * ({@code SealedMemfd}) in SCM_RIGHTS ({@code ScmRights}, {@code FdPassingLink}), the peer checked
 * at connect ({@code PeerCredentials}). Fan-in N to 1 goes through one DGRAM socket or N SEQPACKET
 * connections polled together ({@code PacketFanIn}). The benchmarks are in jmh/uds. It depends on {@code link}
 * and {@code os}.
 */
package io.ipcbench.uds;
