package io.ipcbench.link;

import java.util.stream.Stream;

/**
 * A test class that carries traffic between real processes and says with which params: what the
 * CLI's check that every value a benchmark offers is tested reads ({@link Contracts#exercised}).
 * The fault contracts declare theirs; a topology's tests (fan-in) declare the producer counts
 * they run. Implementations need a no-argument constructor.
 */
public interface Exercised {
    /** Every set of params this class's tests carry traffic with (or see refused). */
    Stream<Params> exercised();
}
