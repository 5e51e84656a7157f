package io.ipcbench.traffic;

import io.ipcbench.link.Link;
import io.ipcbench.link.Messages;
import io.ipcbench.link.Params;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verification mode against scripted links that lose, repeat or corrupt a message: the echo
 * names what it received wrong before echoing it, and the benchmark side names a repeated reply.
 */
class VerifiedTrafficTest {
    private static final int SIZE = 64;
    private static final Params VERIFIED = new Params("scripted", Params.parseArgs(List.of("size=" + SIZE, "verify=true")));

    /** Delivers the scripted messages, then fails as a link whose other side went away; records the sequence numbers sent. */
    private static final class ScriptedLink implements Link {
        private final List<MemorySegment> script;
        private final List<Long> sent = new ArrayList<>();
        private int next;

        ScriptedLink(List<MemorySegment> script) {
            this.script = script;
        }

        @Override
        public void send(MemorySegment message, int length) {
            sent.add(message.get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
        }

        @Override
        public void receive(MemorySegment into, int length) {
            if (next == script.size()) {
                throw new IllegalStateException("the script ended");
            }
            MemorySegment.copy(script.get(next++), 0, into, 0, length);
        }

        @Override
        public void close() {}
    }

    private final Arena arena = Arena.ofAuto();

    private MemorySegment message(long seq) {
        MemorySegment m = arena.allocate(SIZE);
        MessagePattern.fill(m, SIZE, seq);
        return m;
    }

    private String echoFailure(ScriptedLink link) {
        return assertThrows(IllegalStateException.class, () -> RoundTrip.echo(link, VERIFIED, Messages.of(SIZE))).getMessage();
    }

    @Test
    void theEchoNamesARepeatedMessageAndDoesNotEchoIt() {
        ScriptedLink link = new ScriptedLink(List.of(message(0), message(1), message(1)));
        String failure = echoFailure(link);
        assertEquals("scripted size=64 verify=true echo: message 2 of 64 bytes differs at byte 0: it carries sequence number 1,"
                + " an earlier one: a message was repeated (or overtaken)", failure);
        assertEquals(List.of(0L, 1L), link.sent);
    }

    @Test
    void theEchoNamesALostMessage() {
        ScriptedLink link = new ScriptedLink(List.of(message(0), message(2)));
        assertTrue(echoFailure(link).endsWith("message 1 of 64 bytes differs at byte 0: it carries sequence number 2:"
                + " message 1 was lost (or overtaken)"));
    }

    @Test
    void theEchoNamesACorruptedByte() {
        MemorySegment corrupted = message(1);
        corrupted.set(ValueLayout.JAVA_BYTE, 41, (byte) (corrupted.get(ValueLayout.JAVA_BYTE, 41) ^ 1));
        ScriptedLink link = new ScriptedLink(List.of(message(0), corrupted));
        assertTrue(echoFailure(link).endsWith("message 1 of 64 bytes differs at byte 40: it carries its own sequence"
                + " number but other bytes: corrupted"));
    }

    @Test
    void theBenchmarkSideNamesARepeatedReply() {
        ScriptedLink link = new ScriptedLink(List.of(message(0), message(0)));
        try (RoundTrip roundTrip = RoundTrip.over(new ScriptedTrial(link))) {
            roundTrip.onceVerified(0);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> roundTrip.onceVerified(1));
            assertEquals("scripted size=64 verify=true reply: message 1 of 64 bytes differs at byte 0: it carries sequence"
                    + " number 0, an earlier one: a message was repeated (or overtaken)", e.getMessage());
        }
    }

    private record ScriptedTrial(Link link) implements Trial {
        @Override
        public Params params() {
            return VERIFIED;
        }

        @Override
        public Messages messages() {
            return Messages.of(SIZE);
        }

        @Override
        public void operationBegins() {}

        @Override
        public void progressed() {}

        @Override
        public void pinBenchmarkThread() {}

        @Override
        public void close() {}
    }
}
