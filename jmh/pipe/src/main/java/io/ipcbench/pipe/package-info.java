/**
 * The pipe mechanism: two anonymous pipes, one per direction, created by the peer and taken by the
 * benchmark side with pidfd_getfd ({@link io.ipcbench.pipe.PipeMechanism}). Messages move through
 * {@code link.StreamLink} (write(2) in, read(2) out), or with {@code copy=VMSPLICE} through
 * {@code VmspliceLink} (vmsplice(2) of the sender's pages in, read(2) out); the benchmarks are in
 * jmh/pipe. It depends on {@code link} and {@code os}.
 */
package io.ipcbench.pipe;
