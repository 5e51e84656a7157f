package io.ipcbench.limits;

import io.ipcbench.eventfd.EventfdMechanism;
import io.ipcbench.mmap.MmapMechanism;
import io.ipcbench.ring.RingLayout;
import io.ipcbench.ring.SharedRings;
import io.ipcbench.shm.ShmMechanism;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A /dev/shm too small for the rings, made for real: the trial's JVM runs in a private mount
 * namespace with a 1 MiB tmpfs on /dev/shm. Every mechanism that keeps its rings there refuses
 * before its peer starts, naming the bytes needed and free and how to enlarge /dev/shm, and
 * leaves no half-created file in it.
 */
class DevShmLimitTest {
    private static final int SIZE = 65536;
    private static final int CAPACITY = 64;
    private static final long RINGS_BYTES = new SharedRings(RingLayout.PADDED, CAPACITY, SIZE).bytes();
    private static final List<String> COMMON = List.of("size=" + SIZE, "capacity=" + CAPACITY);

    static Stream<Arguments> ringsInDevShm() {
        return Stream.of(
                Arguments.of(ShmMechanism.class, "shm", List.of("sync=SPIN", "layout=PADDED")),
                Arguments.of(MmapMechanism.class, "mmap", List.of("backing=DEV_SHM", "sync=SPIN", "layout=PADDED")),
                Arguments.of(EventfdMechanism.class, "eventfd", List.of("shape=RING", "wait=BLOCKING")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("ringsInDevShm")
    void aDevShmTooSmallIsRefusedNamingTheBytesAndTheRemedy(Class<?> mechanism, String name, List<String> params) {
        List<String> wrapper = devShmOf("1m");
        LimitedJvm.assumeWorks(wrapper);
        String message = LimitedJvm.trial(wrapper, mechanism, name, concat(params)).refusal();
        assertTrue(message.startsWith("/dev/shm cannot hold the rings: they need " + RINGS_BYTES + " bytes and /dev/shm has "), message);
        assertTrue(message.contains(" bytes free (of 1048576)"), message);
        assertTrue(message.contains("mount -o remount,size="), message);
    }

    /** The same trial runs once /dev/shm is large enough: the refusal above is the limit's doing. */
    @Test
    void theSameTrialRunsInADevShmLargeEnough() {
        List<String> wrapper = devShmOf("64m");
        LimitedJvm.assumeWorks(wrapper);
        LimitedJvm.trial(wrapper, ShmMechanism.class, "shm", concat(List.of("sync=SPIN", "layout=PADDED"))).assertRan();
    }

    private static List<String> devShmOf(String size) {
        List<String> wrapper = new java.util.ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
        wrapper.addAll(LimitedJvm.shell("mount -t tmpfs -o size=" + size + " ipcbench-test /dev/shm"));
        return wrapper;
    }

    private static List<String> concat(List<String> params) {
        return Stream.concat(COMMON.stream(), params.stream()).toList();
    }
}
