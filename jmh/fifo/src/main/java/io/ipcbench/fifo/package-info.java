/**
 * The FIFO mechanism: two named pipes in a private directory, opened by path as an unrelated
 * process would ({@link io.ipcbench.fifo.FifoMechanism}), and fan-in through one FIFO with N writers
 * ({@link io.ipcbench.fifo.NamedPipeFanIn}, benchmark {@code FifoFanIn}). Messages move through
 * {@code link.StreamLink}; the benchmarks are in jmh/fifo. It depends on {@code link} and {@code os}.
 */
package io.ipcbench.fifo;
