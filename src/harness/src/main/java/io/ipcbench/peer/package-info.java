/**
 * The two-process fixture: the benchmark side's {@link io.ipcbench.peer.Session} starts the peer
 * JVM ({@link io.ipcbench.peer.PeerProcess}, {@link io.ipcbench.peer.PeerMain}), pins and connects
 * it, watches it ({@link io.ipcbench.peer.Watchdog}) and cleans up even when JMH skips the tear-down.
 * {@link io.ipcbench.peer.PeerTraffic} opens a session with the traffic over it, as tests and the
 * soak do; flame graphs and OS-cost readings of the peer are here too. Trials with several peer
 * processes ({@link io.ipcbench.peer.PeerGroup}) are here as well: fan-in
 * ({@link io.ipcbench.peer.FanInSession}) and the request/response server
 * ({@link io.ipcbench.peer.ServerSession}). It depends on
 * {@code traffic}, {@code link} and {@code os}.
 */
package io.ipcbench.peer;
