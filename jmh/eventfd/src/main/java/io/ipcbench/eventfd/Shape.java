package io.ipcbench.eventfd;

/** The {@code shape} parameter of the eventfd module: what the eventfd carries. */
public enum Shape {
    /** The eventfd's 8-byte counter is the message: each send adds 1, each receive must read exactly 1. */
    COUNTER,
    /** Messages go through shared-memory rings; the eventfd is only a doorbell that wakes a sleeping reader. */
    RING
}
