package io.ipcbench.traffic;

import io.ipcbench.link.FanIn;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer's check of fan-in messages, fed by hand: interleaved producers pass, and a lost,
 * repeated, reordered or corrupted message, or one from a producer that does not exist, fails
 * naming the producer and what went wrong.
 */
class FanInTrafficTest {
    private static final int SIZE = 64;
    private final MemorySegment message = Arena.ofAuto().allocate(SIZE, 8);
    private final FanInTraffic traffic = new FanInTraffic(FanIn.Framing.MESSAGES, SIZE, 3, "test", producer -> {});

    private int deliver(int producer, long seq) {
        FanInTraffic.stamp(FanIn.Framing.MESSAGES, message, SIZE, producer, seq);
        return traffic.verify(message);
    }

    @Test
    void producersInterleaveFreelyAndEachIsCountedInOrder() {
        assertEquals(2, deliver(2, 0));
        assertEquals(0, deliver(0, 0));
        assertEquals(2, deliver(2, 1));
        assertEquals(2, deliver(2, 2));
        assertEquals(1, deliver(1, 0));
        assertArrayEquals(new long[] {1, 1, 3}, traffic.delivered());
    }

    @Test
    void aLostMessageIsNamedWithItsProducer() {
        deliver(1, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> deliver(1, 3));
        assertTrue(e.getMessage().contains("producer 2 of 3 sent message 3 where message 1 was due: 2 of its messages were lost"), e.getMessage());
    }

    @Test
    void aRepeatedOrReorderedMessageIsRefused() {
        deliver(0, 0);
        deliver(0, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> deliver(0, 1));
        assertTrue(e.getMessage().contains("producer 1 of 3 sent message 1 where message 2 was due: a message was repeated"), e.getMessage());
    }

    @Test
    void aCorruptedByteIsFound() {
        FanInTraffic.stamp(FanIn.Framing.MESSAGES, message, SIZE, 1, 0);
        message.set(ValueLayout.JAVA_BYTE, 40, (byte) (message.get(ValueLayout.JAVA_BYTE, 40) ^ 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> traffic.verify(message));
        assertTrue(e.getMessage().contains("producer 2 of 3") && e.getMessage().contains("differs at byte 40")
                && e.getMessage().contains("corrupted"), e.getMessage());
    }

    @Test
    void aProducerThatDoesNotExistIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> deliver(3, 0));
        assertTrue(e.getMessage().contains("producer index 3 of 3 producers"), e.getMessage());
    }

    @Test
    void theSmallestMessageCarriesTheWholeTag() {
        FanInTraffic small = new FanInTraffic(FanIn.Framing.MESSAGES, FanInTraffic.MIN_SIZE, 2, "test", producer -> {});
        FanInTraffic.stamp(FanIn.Framing.MESSAGES, message, FanInTraffic.MIN_SIZE, 1, 5);
        assertThrows(IllegalStateException.class, () -> small.verify(message), "message 5 where 0 was due");
        FanInTraffic.stamp(FanIn.Framing.MESSAGES, message, FanInTraffic.MIN_SIZE, 1, 0);
        assertEquals(1, small.verify(message));
    }

    @Test
    void wordsOfProducersInterleavedAreReassembledAndCounted() {
        int size = 32;
        java.util.List<Integer> completed = new java.util.ArrayList<>();
        FanInTraffic words = new FanInTraffic(FanIn.Framing.WORDS, size, 2, "test", completed::add);
        MemorySegment a = Arena.ofAuto().allocate(size, 8);
        MemorySegment b = Arena.ofAuto().allocate(size, 8);
        FanInTraffic.stamp(FanIn.Framing.WORDS, a, size, 0, 0);
        FanInTraffic.stamp(FanIn.Framing.WORDS, b, size, 1, 0);
        MemorySegment stream = Arena.ofAuto().allocate(size, 8);
        // two words of producer 1's message, then producer 2's whole message split around them, then the rest of producer 1's
        MemorySegment.copy(a, 0, stream, 0, 16);
        MemorySegment.copy(b, 0, stream, 16, 16);
        words.consume(stream);
        MemorySegment.copy(b, 16, stream, 0, 16);
        MemorySegment.copy(a, 16, stream, 16, 16);
        words.consume(stream);
        assertEquals(java.util.List.of(1, 0), completed, "producer 2's message completed first");
        assertArrayEquals(new long[] {1, 1}, words.delivered());
        assertEquals(1, words.interleaved(), "producer 1's message, producer 2's words between its own; producer 2's arrived whole");
    }

    @Test
    void aLostWordIsNamed() {
        int size = 16;
        FanInTraffic words = new FanInTraffic(FanIn.Framing.WORDS, size, 1, "test", producer -> {});
        MemorySegment m = Arena.ofAuto().allocate(size, 8);
        FanInTraffic.stamp(FanIn.Framing.WORDS, m, size, 0, 0);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, m.get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> words.consume(m));
        assertTrue(e.getMessage().contains("producer 1 of 1 sent word 0 of message 0 where word 1 of message 0 was due"), e.getMessage());
    }
}
