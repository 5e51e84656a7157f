/**
 * The two-process fixture: the benchmark side's {@link io.ipcbench.peer.Session} starts the peer
 * JVM ({@link io.ipcbench.peer.PeerProcess}, {@link io.ipcbench.peer.PeerMain}), pins and connects
 * it, watches it ({@link io.ipcbench.peer.Watchdog}) and cleans up even when JMH skips the tear-down.
 * {@link io.ipcbench.peer.PeerTraffic} opens a session with the traffic over it, as tests and the
 * soak do; flame graphs and OS-cost readings of the peer are here too. It depends on
 * {@code traffic}, {@code link} and {@code os}.
 */
package io.ipcbench.peer;
