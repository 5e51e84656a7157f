package io.ipcbench.soak;

import io.ipcbench.link.Params;
import io.ipcbench.link.Role;
import io.ipcbench.link.Variant;
import io.ipcbench.os.Pinning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The soak's schedule, without running it: sizes, coverage, counts; nothing is created. */
class SoakScheduleTest {
    static List<String> mechanisms() {
        return SoakPlan.mechanisms();
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void everyVariantRunsEverySizeItCarriesAndTheTargetIsReached(String mechanism) {
        SoakPlan plan = SoakPlan.of(mechanism);
        List<SoakSchedule.Session> sessions = SoakSchedule.of(plan, 1_000_000, SoakSchedule.ALL_SIZES);
        for (Variant variant : plan.variants()) {
            Set<Integer> sizes = sessions.stream().filter(s -> s.variant().equals(variant)).map(SoakSchedule.Session::size)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(SoakSchedule.carried(plan, variant)), sizes, variant.label());
        }
        assertTrue(sessions.stream().mapToLong(SoakSchedule.Session::messages).sum() >= 1_000_000);
        assertTrue(sessions.stream().allMatch(s -> s.messages() >= SoakSchedule.MIN_MESSAGES));
        assertTrue(sessions.stream().allMatch(s -> s.size() <= 1 || s.messages() * s.size()
                <= Math.max(SoakSchedule.MIN_MESSAGES * s.size(), SoakSchedule.BYTES_PER_TARGET_MESSAGE * 1_000_000)),
                "large messages are bounded by bytes");
    }

    @Test
    void eachVariantCarriesTheEdgeSizesAndTheLargestItsKernelAllows() {
        SoakPlan pipe = SoakPlan.of("pipe");
        assertEquals(List.of(1, 7, 8, 63, 65, 4095, 4097, 65537, Params.MAX_SIZE), SoakSchedule.carried(pipe, pipe.variants().getFirst()));
        SoakPlan queues = SoakPlan.of("mqueue");
        List<Integer> queued = SoakSchedule.carried(queues, queues.variants().getFirst());
        assertTrue(queued.getLast() >= 128 && queued.getLast() < 65537, "the largest a queue message carries: " + queued);
        assertTrue(queued.containsAll(List.of(1, 7, 8, 63, 65, 4095)), queued.toString());
        SoakPlan sockets = SoakPlan.of("uds");
        Variant datagrams = sockets.variants().stream().filter(v -> "DGRAM".equals(v.params().get("type"))).findFirst().orElseThrow();
        List<Integer> packets = SoakSchedule.carried(sockets, datagrams);
        assertTrue(packets.getLast() > 65537 && packets.getLast() < Params.MAX_SIZE, "the largest datagram: " + packets);
        SoakPlan eventfd = SoakPlan.of("eventfd");
        assertEquals(List.of(8), SoakSchedule.carried(eventfd, eventfd.variants().getLast()), "the counter's one size");
        SoakPlan signal = SoakPlan.of("signal");
        assertEquals(List.of(0), SoakSchedule.carried(signal, signal.variants().getFirst()), "a signal has no size");
    }

    @Test
    void twoSizesPerVariantAreOneSmallAndOneLargeAndTogetherCoverTheSizes() {
        List<Integer> sizes = List.of(1, 2, 3, 15, 16);
        assertEquals(List.of(1, 16), SoakSchedule.chosen(sizes, 0, 2));
        assertEquals(List.of(2, 15), SoakSchedule.chosen(sizes, 1, 2));
        assertEquals(List.of(3, 16), SoakSchedule.chosen(sizes, 2, 2));
        assertEquals(List.of(3, 1, 15), SoakSchedule.chosen(sizes, 1, 3));
        assertEquals(sizes, SoakSchedule.chosen(sizes, 7, SoakSchedule.ALL_SIZES));
        SoakPlan shm = SoakPlan.of("shm");
        List<SoakSchedule.Session> sessions = SoakSchedule.of(shm, 1_000_000, 2);
        assertEquals(2 * shm.variants().size(), sessions.size());
        for (int i = 0; i < sessions.size(); i += 2) {
            assertTrue(sessions.get(i).size() <= 65 && sessions.get(i + 1).size() >= 4095, sessions.get(i).label() + ", " + sessions.get(i + 1).label());
        }
        assertEquals(new TreeSet<>(SoakSchedule.carried(shm, shm.variants().getFirst())),
                sessions.stream().map(SoakSchedule.Session::size).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void messagesAreSharedByWeightRoundTripsAndSpinnersGettingLess() {
        List<SoakSchedule.Session> sessions = SoakSchedule.of(SoakPlan.of("pipe"), 1_000_000, SoakSchedule.ALL_SIZES);
        long stream = messages(sessions, Role.SINK, "BLOCKING");
        assertEquals(stream * SoakPlan.ONE_IN_FLIGHT_WEIGHT, messages(sessions, Role.ECHO, "BLOCKING"), 1.0);
        double spinning = Pinning.fitting() == Pinning.SAME_CORE ? SoakPlan.ONE_CORE_SPINNING_WEIGHT : SoakPlan.SPINNING_WEIGHT;
        assertEquals(stream * spinning, messages(sessions, Role.SINK, "BUSY_POLL"), 1.0);
    }

    private static long messages(List<SoakSchedule.Session> sessions, Role shape, String wait) {
        return sessions.stream().filter(s -> s.size() == 1 && s.variant().shape() == shape && s.variant().params().get("wait").equals(wait))
                .findFirst().orElseThrow().messages();
    }

    @Test
    void anUnknownMechanismIsRefusedNamingThoseThatExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SoakPlan.of("cacheline"));
        assertEquals(Set.of("shm", "pipe", "fifo", "uds", "tcp", "mqueue", "eventfd", "signal", "mmap"), Set.copyOf(SoakPlan.mechanisms()),
                "the mechanisms on this class path, found through their META-INF/services lines");
        assertEquals("no soak for mechanism 'cacheline'; mechanisms here: " + String.join(", ", SoakPlan.mechanisms()), e.getMessage());
    }
}
