/**
 * The OS layer: every native call the suite makes through java.lang.foreign, and what the kernel
 * keeps for a trial. {@link io.ipcbench.os.Native} and {@link io.ipcbench.os.Libc} hold the libc
 * plumbing and the calls several mechanisms share; the per-topic bindings beside them
 * ({@code Fifos}, {@code Sockets}, {@code Epoll}, {@code MessageQueues}, {@code Eventfds}...)
 * turn each -1 into an exception that names the call and the errno, or return -errno on a hot path.
 * Named objects and their start-up sweep, CPU pinning and process costs live here too. It depends
 * on no other package of the suite.
 */
package io.ipcbench.os;
