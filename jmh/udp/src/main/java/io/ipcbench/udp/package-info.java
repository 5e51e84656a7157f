/**
 * The UDP loopback mechanism ({@link io.ipcbench.udp.UdpMechanism}): connected datagram sockets on
 * 127.0.0.1 through socket(2) ({@code InetDatagrams}), datagrams numbered and their losses counted
 * ({@code DatagramLink}). The benchmarks are in jmh/udp. It depends on {@code link} and {@code os}.
 */
package io.ipcbench.udp;
