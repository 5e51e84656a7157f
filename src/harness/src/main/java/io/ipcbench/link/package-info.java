/**
 * What a mechanism implements and what it is given: {@link io.ipcbench.link.Mechanism} (set up
 * from both processes, with the {@link io.ipcbench.link.Variant}s it declares), the
 * {@link io.ipcbench.link.Link} each end moves messages through, the trial's
 * {@link io.ipcbench.link.Params}, and the other side's {@link io.ipcbench.link.Liveness}, which
 * bounds every wait ({@link io.ipcbench.link.SpinThenCheck} for spins). The descriptors' wait
 * strategy ({@link io.ipcbench.link.FdWait}) and what any strategy does with its CPU
 * ({@link io.ipcbench.link.Waiting}) are here too. The links several
 * mechanisms share live here: byte streams over descriptors ({@code StreamLink}) or NIO channels
 * ({@code NioStreamLink}). It depends only on {@code os}; a new mechanism needs nothing else to
 * build its links.
 */
package io.ipcbench.link;
