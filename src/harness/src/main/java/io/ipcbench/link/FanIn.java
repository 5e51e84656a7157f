package io.ipcbench.link;

import io.ipcbench.os.NamedObjects;

import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * A mechanism that carries fan-in: N producer processes send into one kernel object and the
 * benchmark JVM consumes from it. Like {@link Mechanism}, the same class is instantiated by name
 * in the benchmark JVM and in every producer JVM (it needs a public no-argument constructor):
 * {@link #validate} reads the params before anything exists, {@link #offer} (benchmark side)
 * creates the object, {@link #attachProducer(Params, Map, int, Liveness)} (each producer) opens its sending end, and
 * {@link Offer#connect} (benchmark side) opens the consuming end.
 */
public interface FanIn {
    /** Short name used in results and messages, e.g. "mqueue". */
    String name();

    /** How the consumer receives: whole messages, or a byte stream where the producers' writes may interleave. */
    enum Framing {
        /** Every receive is one whole message of one producer (a queue, a datagram, an atomic pipe write). */
        MESSAGES,
        /**
         * Bytes in the order the kernel took them: a write of one producer may be split and
         * interleaved with others' (a pipe above PIPE_BUF). Every 8-byte word then names its
         * producer, message and place, so the consumer reassembles and counts interleaved messages.
         */
        WORDS
    }

    /** {@link Framing#MESSAGES} unless the mechanism says otherwise. */
    default Framing framing(Params params) {
        return Framing.MESSAGES;
    }

    /**
     * Throws {@link IllegalArgumentException} naming the bad parameter and what is allowed, or
     * {@link IllegalStateException} for a limit of this machine, for a trial with {@code producers} producers.
     */
    void validate(Params params, int producers);

    Offer offer(Params params, int producers, NamedObjects names);

    /** A producer's sending end; {@code consumer} bounds its waits (the producer exits when the benchmark JVM is gone). */
    Sender attachProducer(Params params, Map<String, String> offered, Liveness consumer);

    /**
     * Producer {@code index}'s sending end (from 0), what the producer JVM calls: a mechanism that
     * gives each producer a part of its own (a ring each) needs the index; one whose producers
     * share the object ignores it.
     */
    default Sender attachProducer(Params params, Map<String, String> offered, int index, Liveness consumer) {
        return attachProducer(params, offered, consumer);
    }

    /** What the benchmark side created before the producers started. */
    interface Offer {
        /** key=value pairs every producer receives on its command line. */
        Map<String, String> forProducers();

        /** The consuming end; {@code producers} bounds its waits and explains a producer's death. */
        Receiver connect(Liveness producers);

        /**
         * A producer has exited (called on another thread, once per producer that exits). Where no
         * end of file or timeout would ever wake a consumer asleep in a receive (a System V queue),
         * the mechanism wakes it here, by removing the object.
         */
        default void producerExited() {}
    }

    /** One producer's end: sends whole messages, blocking while the object is full. */
    interface Sender {
        void send(MemorySegment message, int length);
    }

    /** The consumer's end: receives whole messages of the trial's size, from whichever producer sent one. */
    interface Receiver extends AutoCloseable {
        /** A receiver that receives with {@code receive} and closes with {@code close}, and needs nothing once the producers are in. */
        static Receiver of(Receive receive, Runnable close) {
            return new Receiver() {
                @Override
                public void receive(MemorySegment into, int length) {
                    receive.receive(into, length);
                }

                @Override
                public void close() {
                    close.run();
                }
            };
        }

        /** One receive of a whole message into {@code into}. */
        @FunctionalInterface
        interface Receive {
            void receive(MemorySegment into, int length);
        }

        void receive(MemorySegment into, int length);

        /** Every producer has attached: release what was kept only for them to open (a pipe's spare write end). */
        default void producersAttached() {}

        @Override
        void close();
    }
}
