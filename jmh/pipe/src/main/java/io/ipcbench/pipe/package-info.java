/**
 * The pipe mechanism: two anonymous pipes, one per direction, created by the peer and taken by the
 * benchmark side with pidfd_getfd ({@link io.ipcbench.pipe.PipeMechanism}). Messages move through
 * {@code link.StreamLink}; the benchmarks are in jmh/pipe. It depends on {@code link} and {@code os}.
 */
package io.ipcbench.pipe;
