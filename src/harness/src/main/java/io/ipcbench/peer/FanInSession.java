package io.ipcbench.peer;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.PinnedCpus;
import io.ipcbench.os.Pinning;
import io.ipcbench.os.ProcessCost;
import io.ipcbench.os.ResourceLimits;
import io.ipcbench.traffic.FanInTraffic;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The benchmark side of a fan-in trial: {@code producers} producer JVMs send into one kernel object
 * and this JVM consumes. Every guarantee of a {@link Session} holds for each producer: the params
 * are checked before anything exists ({@link #check}); the producers start together (each is
 * spawned at once, then all are awaited, so their JVMs start in parallel) and the handshakes
 * together are bounded by {@link ForkedPeer#HANDSHAKE_TIMEOUT_SECONDS}; each is watched by its
 * own {@link Watchdog}; a producer that dies or stops is named, with its index and pid ("producer 3
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
    /** How long a consumer that saw the producers' end close waits to see which producer exited. */
    private static final long EXIT_SEEN_SECONDS = 2;
    /** What a failure says the consumer waited for. */
    private static final String WAITING_FOR = "a message from any producer";

    private final FanIn fanIn;
    private final Params params;
    private final int count;
    private final Pinning.Plan cpus;
    private final NamedObjects names = new NamedObjects();
    private final List<PeerProcess> producers = new ArrayList<>();
    private final List<Watchdog> watchdogs = new ArrayList<>();
    private final FanInTraffic traffic;
    private final MemorySegment message;
    private final int size;
    private FanIn.Offer offer;
    private FanIn.Receiver receiver;
    /** The first producer seen to exit; a volatile read per message tells the consumer. */
    private volatile PeerProcess exited;
    /** The same, for a consumer that must wait to learn it (the others may exit in turn, woken by what its exit did). */
    private final CompletableFuture<PeerProcess> firstExit = new CompletableFuture<>();
    private volatile CostReading opening;
    private CostReading closing;

    private FanInSession(FanIn fanIn, Params params, int count, Pinning.Plan cpus) {
        this.fanIn = fanIn;
        this.params = params;
        this.count = count;
        this.cpus = cpus;
        this.size = params.size();
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
        for (int i = 0; i < count; i++) {
            PeerProcess producer = PeerProcess.start(params.describe(), name(i), command(offer, i, producerCpus[i]), cpus.otherThreads());
            producers.add(producer);
            producer.onExit().thenRun(() -> exited(producer));
            watchdogs.add(new Watchdog(producer));
        }
        receiver = offer.connect(liveness());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS);
        producers.forEach(producer -> producer.awaitReady(deadline));
        receiver.producersAttached();
        producers.forEach(PeerProcess::go);
        watchdogs.forEach(Watchdog::start);
        if (Session.readsCostsAtOpenAndClose()) {
            opening = costsNow();
        }
        Session.opened(this);
    }

    /** "producer 3 of 8", as every message names producer index 2. */
    private String name(int index) {
        return "producer " + (index + 1) + " of " + count;
    }

    private void exited(PeerProcess producer) {
        if (firstExit.complete(producer)) {
            exited = producer;
        }
        offer.producerExited();
    }

    /** The producers as the consumer's waits see them: alive while every one is. */
    private Liveness liveness() {
        return new Liveness() {
            @Override
            public void check(String waitingFor) {
                PeerProcess gone = exited;
                if (gone != null) {
                    throw gone.failure(waitingFor);
                }
                for (PeerProcess producer : producers) {
                    if (!producer.isAlive()) {
                        throw producer.failure(waitingFor);
                    }
                }
            }

            @Override
            public RuntimeException gone(String waitingFor) {
                return firstExited().map(p -> (RuntimeException) p.failure(waitingFor))
                        .orElseGet(() -> new PeerFailure(params.describe() + ": the producers' end closed while every producer"
                                + " still runs, while the benchmark waited for " + waitingFor));
            }
        };
    }

    /**
     * The first producer that exited. Its end closes as it exits, a moment before its exit is seen, so
     * a consumer woken by that close (end of file, a removed queue) waits up to {@link #EXIT_SEEN_SECONDS} for it.
     */
    private Optional<PeerProcess> firstExited() {
        try {
            return Optional.of(firstExit.get(EXIT_SEEN_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Receives one message's worth of bytes ({@code size}) and checks it ({@link FanInTraffic}: its
     * producers, their sequence numbers, the bytes), marking the progress of each producer one
     * of whose messages it completes. Throws naming the producer when one has exited.
     */
    public void receive() {
        PeerProcess gone = exited;
        if (gone != null) {
            throw gone.failure(WAITING_FOR);
        }
        receiver.receive(message, size);
        traffic.consume(message);
    }

    private void delivered(int producer) {
        Watchdog watchdog = watchdogs.get(producer);
        watchdog.progressed();
        watchdog.operationBegins();
    }

    /** From now until {@link #iterationEnds}, a producer whose messages stop arriving for {@link Watchdog#STALL_SECONDS} is killed. */
    public void iterationBegins() {
        watchdogs.forEach(Watchdog::operationBegins);
    }

    /** Between iterations the producers wait on a full object, and no one is judged. */
    public void iterationEnds() {
        watchdogs.forEach(Watchdog::progressed);
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
        return producers.stream().map(PeerProcess::pid).toList();
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
        String placement = Arrays.stream(producerCpus).boxed().collect(Collectors.groupingBy(cpu -> cpu, java.util.TreeMap::new,
                        Collectors.counting())).entrySet().stream()
                .map(e -> e.getValue() + " on CPU " + e.getKey()).collect(Collectors.joining(", "));
        return "consumer on CPU " + cpus.benchmarkCpu() + ", producers' sending threads " + placement
                + "; other threads on CPUs " + cpus.otherThreads();
    }

    /** This JVM's costs, and the producers' summed; the producers' are absent unless every one answered. */
    private CostReading costsNow() {
        ProcessCost bench = ProcessCost.ofThisProcess();
        Optional<ProcessCost> sum = Optional.of(new ProcessCost(0, 0, 0, 0));
        for (PeerProcess producer : producers) {
            Optional<ProcessCost> one = producer.costs();
            sum = sum.flatMap(s -> one.map(s::plus));
        }
        return new CostReading(bench, producers.isEmpty() ? Optional.empty() : sum);
    }

    @Override
    public synchronized CostReading costs() {
        return closing != null ? closing : costsNow();
    }

    @Override
    public CostReading opening() {
        return opening;
    }

    @Override
    public synchronized void close() {
        if (opening != null && closing == null) {
            closing = costsNow();
        }
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
        producers.forEach(PeerProcess::closeStdin);
        producers.forEach(PeerProcess::close);
        watchdogs.forEach(Watchdog::close);
        names.close();
        Cleanup.unregister(this);
    }

    private List<String> command(FanIn.Offer offer, int index, int cpu) {
        List<String> command = Session.peerJvm(Optional.empty());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProducerMain.class.getName(),
                fanIn.getClass().getName(), Long.toString(ProcessHandle.current().pid()), Integer.toString(cpu),
                Integer.toString(index)));
        command.addAll(params.toArgs());
        command.add("--");
        offer.forProducers().forEach((k, v) -> command.add(k + "=" + v));
        return command;
    }
}
