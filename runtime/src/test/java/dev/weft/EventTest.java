package dev.weft;

import static dev.weft.Aio.awaiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CPython's test_locks.py EventTests, ported. */
class EventTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final Event ev = new Event();

    private void run(Script<?> main) {
        loop.runUntilComplete(main);
    }

    /** {@code if await ev.wait(): result.append(n)}; Weft's wait returns null, not True. */
    private Script<Void> c(int n, List<Integer> result) {
        return Script.of(s -> ev, s -> {
            s.value();
            result.add(n);
            return null;
        });
    }

    @Test
    @DisplayName("test_locks.py: EventTests.test_wait")
    void waitWakesAllInOrder() {
        assertFalse(ev.isSet());
        List<Integer> result = new ArrayList<>();
        List<Task<?>> t = new ArrayList<>();
        run(Script.of(s -> {
            t.add(Weft.spawn(c(1, result)));
            t.add(Weft.spawn(c(2, result)));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Collections.emptyList(), result);
            t.add(Weft.spawn(c(3, result)));
            ev.set();
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Arrays.asList(3, 1, 2), result);
            for (Task<?> task : t) {
                assertTrue(task.isDone());
                assertNull(task.result());
            }
            return null;
        }));
    }

    @Test
    @DisplayName("test_locks.py: EventTests.test_wait_on_set")
    void waitOnSet() {
        ev.set();
        // asyncio's wait() returns True; awaiting a Weft event returns null, at once.
        Object[] res = {"not awaited"};
        run(Script.of(s -> ev, s -> {
            res[0] = s.value();
            return null;
        }));
        assertNull(res[0]);
    }

    @Test
    @DisplayName("test_locks.py: EventTests.test_wait_cancel")
    void waitCancel() {
        run(Script.of(s -> {
            Task<Void> wait = Weft.spawn(awaiting(ev));
            EventLoop.current().callSoon(() -> wait.cancel());
            return wait;
        }, s -> {
            assertTrue(s.failure() instanceof CancelledException);
            assertEquals(0, ev.waiterCount());
            return null;
        }));
    }

    @Test
    @DisplayName("test_locks.py: EventTests.test_clear")
    void clear() {
        assertFalse(ev.isSet());
        ev.set();
        assertTrue(ev.isSet());
        ev.clear();
        assertFalse(ev.isSet());
    }

    @Test
    @DisplayName("test_locks.py: EventTests.test_clear_with_waiters")
    void clearWithWaiters() {
        List<Integer> result = new ArrayList<>();
        Task<?>[] t = new Task<?>[1];
        run(Script.of(s -> {
            t[0] = Weft.spawn(Script.of(x -> ev, x -> {
                x.value();
                result.add(1);
                return x.done(true);
            }));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Collections.emptyList(), result);
            ev.set();
            ev.clear();
            assertFalse(ev.isSet());
            ev.set();
            ev.set();
            assertEquals(1, ev.waiterCount());
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Arrays.asList(1), result);
            assertEquals(0, ev.waiterCount());
            assertTrue(t[0].isDone());
            assertEquals(true, t[0].result());
            return null;
        }));
    }
}
