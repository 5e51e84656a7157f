/**
 * The two traffic shapes and their protocol, both halves of each: {@link io.ipcbench.traffic.RoundTrip}
 * (one message there and back) and {@link io.ipcbench.traffic.OneWay} (messages the peer consumed,
 * acknowledged in batches), each with the benchmark side that JMH measures and the peer side that
 * echoes or sinks. Traffic runs over a {@link io.ipcbench.traffic.Trial}, a link with its trial's
 * context, and knows nothing of processes: the peer package provides the trial of a peer process.
 * The topologies of several processes have theirs here too: fan-in's stamped messages and their
 * check ({@link io.ipcbench.traffic.FanInTraffic}), the request/response server's epoll loop and
 * its clients ({@link io.ipcbench.traffic.EchoServer}, {@link io.ipcbench.traffic.EchoClient}).
 * It depends on {@code link} and {@code os}.
 */
package io.ipcbench.traffic;
