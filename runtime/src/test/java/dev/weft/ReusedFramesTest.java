package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames of direct calls kept for reuse ({@link CoroutineFrame#reusedFrame},
 * {@link CoroutineFrame#reusable}): written by hand the way the processor generates them.
 */
class ReusedFramesTest {
    /** A callee: returns {@code tag + x}, awaits {@code gate} first if there is one, throws for x < 0. */
    static final class Callee extends CoroutineFrame<String> {
        String tag;
        int x;
        Event gate;

        static Callee directCall(CoroutineFrame<?> caller, String tag, int x, Event gate) {
            Callee reused = reusedFrame(caller, Callee.class);
            if (reused == null) {
                reused = reusable(new Callee());
            }
            reused.tag = tag;
            reused.x = x;
            reused.gate = gate;
            return reused;
        }

        @Override
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            if (failure != null) {
                throw failure;
            }
            if (state == 0 && gate != null) {
                state = 1;
                return gate;
            }
            if (x < 0) {
                throw new IllegalArgumentException("x " + x);
            }
            return complete(tag + x);
        }

        @Override
        protected void clearFields() {
            tag = null;
            x = 0;
            gate = null;
        }
    }

    /** Calls {@link Callee} once per entry of {@code calls}, recording each frame and result. */
    static final class Caller extends CoroutineFrame<List<String>> {
        final Object[][] calls;
        final List<Callee> frames = new ArrayList<>();
        final List<String> results = new ArrayList<>();
        int i;

        Caller(Object[]... calls) {
            this.calls = calls;
        }

        @Override
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            for (;;) {
                if (state == 1) {
                    results.add(failure != null ? "!" + failure.getMessage() : (String) awaited);
                    i++;
                    state = 0;
                }
                if (i == calls.length) {
                    return complete(results);
                }
                Object[] c = calls[i];
                Callee f = Callee.directCall(this, (String) c[0], (Integer) c[1], (Event) c[2]);
                frames.add(f);
                state = 1;
                try {
                    awaited = callInline(f);
                } catch (IllegalArgumentException e) {
                    awaited = null;
                    failure = e;
                    continue;
                }
                if (awaited == SUSPENDED_INSIDE) {
                    return SUSPENDED_INSIDE;
                }
                failure = null;
            }
        }
    }

    @Test
    void aFrameThatFinishedIsClearedAndServesTheNextCall() {
        EventLoop loop = new EventLoop();
        Caller caller = new Caller(new Object[] {"a", 1, null}, new Object[] {"b", 2, null});
        assertEquals(List.of("a1", "b2"), loop.runUntilComplete(caller));
        assertSame(caller.frames.get(0), caller.frames.get(1));
        Callee kept = caller.frames.get(0);
        assertSame(kept, loop.freeFrames[0]);
        assertNull(kept.tag, "a kept frame holds nothing");
        assertNull(kept.value);
        assertNull(kept.link);
        assertEquals(0, kept.state);
        assertEquals(Task.REUSABLE, kept.status);
    }

    @Test
    void framesThatSuspendedOrFailedAreNotReused() {
        EventLoop loop = new EventLoop();
        Event gate = new Event();
        Caller caller = new Caller(new Object[] {"a", 1, gate}, new Object[] {"b", -1, null},
                new Object[] {"c", 3, null}, new Object[] {"d", 4, null});
        loop.callSoon(gate::set);
        assertEquals(List.of("a1", "!x -1", "c3", "d4"), loop.runUntilComplete(caller));
        List<Callee> f = caller.frames;
        assertNotSame(f.get(0), f.get(1), "the frame that suspended went through the driver");
        assertNotSame(f.get(1), f.get(2), "the frame that failed keeps its failure");
        assertSame(f.get(2), f.get(3));
        assertEquals(Task.FAILED, f.get(1).status & Task.PHASE);
    }

    @Test
    void aKeptFrameOfAnotherClassIsNotTaken() {
        EventLoop loop = new EventLoop();
        Caller caller = new Caller(new Object[] {"a", 1, null});
        loop.runUntilComplete(caller);
        Caller other = new Caller();
        other.loop = loop;
        assertNull(CoroutineFrame.reusedFrame(other, Caller.class));
        assertSame(caller.frames.get(0), CoroutineFrame.reusedFrame(other, Callee.class));
        assertNull(loop.freeFrames[0], "taken out: no two calls share a frame");
        assertThrows(NullPointerException.class, () -> CoroutineFrame.reusedFrame(new Caller(), Callee.class),
                "only a running caller, bound to its loop, asks");
    }
}
