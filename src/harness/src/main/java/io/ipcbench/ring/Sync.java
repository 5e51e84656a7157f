package io.ipcbench.ring;

/**
 * How the two ends of one {@link Ring} wait for each other, bound to that ring. The producer
 * calls {@link #awaitRoom} before writing slot {@code index} and {@link #publish} after; the
 * consumer calls {@link #awaitMessage} before reading slot {@code index} and {@link #release}
 * after copying it out. Every wait is bounded by the other process's liveness.
 */
interface Sync extends AutoCloseable {
    void awaitRoom(long index);

    void publish(long next);

    void awaitMessage(long index);

    void release(long next);

    /** Whether the ends sleep, and so count their sleeps and wake calls ({@link SideCounters}). */
    default boolean sleeps() {
        return false;
    }

    /** Releases what the strategy opened (semaphores); the ring itself belongs to the link. */
    @Override
    default void close() {}
}
