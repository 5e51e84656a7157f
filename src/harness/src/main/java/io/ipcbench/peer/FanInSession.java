package io.ipcbench.peer;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.PinnedCpus;
import io.ipcbench.os.Pinning;
import io.ipcbench.os.ResourceLimits;
import io.ipcbench.traffic.FanInTraffic;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The benchmark side of a fan-in trial: {@code producers} producer JVMs send into one kernel object
 * and this JVM consumes. Every guarantee of a {@link Session} holds for each producer: the params
 * are checked before anything exists ({@link #check}); the producers start together (each is
 * spawned at once, then all are awaited, so their JVMs start in parallel) and the handshakes
 * together are bounded by {@link ForkedPeer#HANDSHAKE_TIMEOUT_SECONDS}; each is watched by its
 * own {@link Watchdog} ({@link PeerGroup}); a producer that dies or stops is named, with its index and pid ("producer 3
 * of 8 (pid 4242) exited with status 137 (killed by SIGKILL) ..."); and closing, on every path, stops every producer
 * and removes every named object, with the same shutdown hook behind it.
 *
 * <p>A producer is judged by its own messages: while an iteration runs ({@link #iterationBegins}
 * to {@link #iterationEnds}) every message from producer i marks progress on watchdog i, so one
 * stopped producer among running ones is killed after {@link Watchdog#STALL_SECONDS}, though the
 * consumer never waits long, and the trial fails naming it. A producer's death is seen by the
 * next message received ({@link #receive}), and by any wait of the consumer that times out.
 *
 * <p>Pinning: the consumer where the plan puts the benchmark thread, producer i's sending thread
 * on {@link Pinning.Plan#peerCpus}'s i-th CPU (one CPU each while CPUs last, then shared round
 * robin), every other thread of every JVM on the housekeeping CPUs.
 */
public final class FanInSession implements CostedTrial, AutoCloseable {
    /**
     * The most producers a trial may have. Each is a JVM (tens of MB resident, a second of CPU to
     * start); the bound keeps a mistyped count from forking thousands of them.
     */
    public static final int MAX_PRODUCERS = 100;
    /** What each producer costs this JVM in descriptors: the pipes of its stdin, stdout and stderr. */
    private static final int DESCRIPTORS_PER_PRODUCER = 3;
    /** What a failure says the consumer waited for. */
    private static final String WAITING_FOR = "a message from any producer";

    private final FanIn fanIn;
    private final Params params;
    private final int count;
    private final Pinning.Plan cpus;
    private final NamedObjects names = new NamedObjects();
    private final PeerGroup producers;
    private final FanInTraffic traffic;
    private final MemorySegment message;
    private final int size;
    private FanIn.Offer offer;
    private FanIn.Receiver receiver;

    private FanInSession(FanIn fanIn, Params params, int count, Pinning.Plan cpus) {
        this.fanIn = fanIn;
        this.params = params;
        this.count = count;
        this.cpus = cpus;
        this.size = params.size();
        this.producers = new PeerGroup(params.describe());
        this.traffic = new FanInTraffic(fanIn.framing(params), size, count, params.describe(), this::delivered);
        this.message = Arena.ofAuto().allocate(size, 8);
    }

    /** The {@code producers} param: how many producer processes, 1 to {@link #MAX_PRODUCERS}. */
    public static int producers(Params params) {
        return params.intIn("producers", 1, MAX_PRODUCERS, "the number of producer processes");
    }

    /**
     * What {@link #open} checks before it creates anything, alone: the producer count, the size
     * (a message carries its producer and sequence number), the mechanism's params and kernel
     * limits for that many producers, the pinning plan, and this JVM's descriptors. Throws naming
     * what is refused.
     */
    public static void check(FanIn fanIn, Params params) {
        int count = producers(params);
        int size = params.intIn("size", FanInTraffic.MIN_SIZE, Params.MAX_SIZE,
                "the payload in bytes (a fan-in message carries its producer and sequence number in its first 8)");
        fanIn.validate(params, count);
        if (fanIn.framing(params) == FanIn.Framing.WORDS) {
            requireWords(params, count, size);
        }
        params.pinning().plan();
        ResourceLimits.requireDescriptorsForTrial(params.describe(),
                ResourceLimits.TRIAL_DESCRIPTORS + (long) DESCRIPTORS_PER_PRODUCER * count);
    }

    /**
     * Word framing names every word's producer and place: a whole number of words, at most
     * {@link FanInTraffic#MAX_WORDS_SIZE} bytes, at most {@link FanInTraffic#MAX_WORDS_PRODUCERS} producers.
     */
    private static void requireWords(Params params, int count, int size) {
        if (size % 8 != 0 || size > FanInTraffic.MAX_WORDS_SIZE) {
            throw new IllegalArgumentException(params.mechanism() + ": size=" + size + " is not allowed here: every 8-byte word of"
                    + " a message names its producer and place, so size is a multiple of 8 from 8 to " + FanInTraffic.MAX_WORDS_SIZE);
        }
        if (count > FanInTraffic.MAX_WORDS_PRODUCERS) {
            throw new IllegalArgumentException(params.mechanism() + ": producers=" + count + " is out of range here: every word"
                    + " names its producer in 7 bits, so producers is from 1 to " + FanInTraffic.MAX_WORDS_PRODUCERS);
        }
    }

    /** Opens the trial: the object created, every producer started, connected and serving. */
    public static FanInSession open(FanIn fanIn, Params params) {
        check(fanIn, params);
        FanInSession session = new FanInSession(fanIn, params, producers(params), params.pinning().plan());
        NamedObjects.sweepDeadOwners();
        Cleanup.register(session);
        try {
            session.start();
            return session;
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
    }

    private void start() {
        int[] producerCpus = cpus.peerCpus(count);
        SortedSet<Integer> pinned = new TreeSet<>(cpus.cpus());
        Arrays.stream(producerCpus).filter(cpu -> cpu >= 0).forEach(pinned::add);
        PinnedCpus.claim(pinned, names);
        offer = fanIn.offer(params, count, names);
        producers.whenOneExits(offer::producerExited);
        for (int i = 0; i < count; i++) {
            producers.start(name(i), command(offer, i, producerCpus[i]), cpus.otherThreads());
        }
        receiver = offer.connect(producers.liveness());
        producers.awaitReady();
        receiver.producersAttached();
        producers.go();
        producers.serving();
        Session.opened(this);
    }

    /** "producer 3 of 8", as every message names producer index 2. */
    private String name(int index) {
        return "producer " + (index + 1) + " of " + count;
    }

    /**
     * Receives one message's worth of bytes ({@code size}) and checks it ({@link FanInTraffic}: its
     * producers, their sequence numbers, the bytes), marking the progress of each producer one
     * of whose messages it completes. Throws naming the producer when one has exited.
     */
    public void receive() {
        producers.throwIfOneExited(WAITING_FOR);
        receiver.receive(message, size);
        traffic.consume(message);
    }

    private void delivered(int producer) {
        Watchdog watchdog = producers.watchdog(producer);
        watchdog.progressed();
        watchdog.operationBegins();
    }

    /** From now until {@link #iterationEnds}, a producer whose messages stop arriving for {@link Watchdog#STALL_SECONDS} is killed. */
    public void iterationBegins() {
        producers.operationsBegin();
    }

    /** Between iterations the producers wait on a full object, and no one is judged. */
    public void iterationEnds() {
        producers.operationsEnd();
    }

    /** How many messages each producer has delivered so far, by index. */
    public long[] delivered() {
        return traffic.delivered();
    }

    /** Messages that arrived in parts, other producers' bytes between them (a byte stream only: {@link FanIn.Framing#WORDS}). */
    public long interleaved() {
        return traffic.interleaved();
    }

    /** How the consumer receives. */
    public FanIn.Framing framing() {
        return fanIn.framing(params);
    }

    public Params params() {
        return params;
    }

    /** The producers' pids, by index. */
    public List<Long> producerPids() {
        return producers.pids();
    }

    /** Pins the calling (consuming) thread as the plan says; JMH may change threads between iterations. */
    public void pinConsumerThread() {
        cpus.pinCurrentThreadAsBenchmark();
    }

    /** One line for people: where the consumer and the producers run. */
    public String describeCpus() {
        int[] producerCpus = cpus.peerCpus(count);
        if (producerCpus[0] < 0) {
            return cpus.describe();
        }
        return "consumer on CPU " + cpus.benchmarkCpu() + ", producers' sending threads " + PeerGroup.placement(producerCpus)
                + "; other threads on CPUs " + cpus.otherThreads();
    }

    @Override
    public CostReading costs() {
        return producers.costs();
    }

    @Override
    public CostReading opening() {
        return producers.opening();
    }

    @Override
    public synchronized void close() {
        producers.beginClosing();
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
        producers.close();
        names.close();
        Cleanup.unregister(this);
    }

    private List<String> command(FanIn.Offer offer, int index, int cpu) {
        List<String> command = new ArrayList<>(List.of(fanIn.getClass().getName(), Long.toString(ProcessHandle.current().pid()),
                Integer.toString(cpu), Integer.toString(index)));
        command.addAll(params.toArgs());
        command.add("--");
        offer.forProducers().forEach((k, v) -> command.add(k + "=" + v));
        return PeerGroup.command(ProducerMain.class, command);
    }
}
