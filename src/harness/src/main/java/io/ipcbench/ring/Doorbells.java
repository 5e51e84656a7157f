package io.ipcbench.ring;

import io.ipcbench.link.FdWait;

/**
 * Two eventfds that wake the processes of a memory link: this process waits on {@code own} and
 * wakes the other by writing {@code other}. With {@link FdWait#BLOCKING} a waiter sleeps in
 * read(2); with {@link FdWait#BUSY_POLL} the descriptors are non-blocking and a waiter retries
 * read(2) until the doorbell has rung. A waiter first spins up to {@code spinNanos} on the ring.
 */
public record Doorbells(int own, int other, FdWait fdWait, long spinNanos) {}
