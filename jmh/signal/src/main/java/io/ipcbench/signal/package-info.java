/**
 * The signal mechanism: signals as messages between one thread of each process, taken with
 * sigtimedwait ({@link io.ipcbench.signal.SignalMechanism}, {@code SignalLink}), standard or realtime
 * ({@link io.ipcbench.signal.SignalKind}). Messages carry no payload. The benchmarks are in jmh/signal.
 * It depends on {@code link} and {@code os}.
 */
package io.ipcbench.signal;
