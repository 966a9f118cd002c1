package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The timer queue against a sorted set of the same timers: random adds (many deadlines equal, so
 * that the order they were set decides), removals from anywhere and polls, for several seeds and
 * for deadlines within one slot, across the wheel, beyond it and before the cursor.
 */
class TimerQueueTest {
    private static final Comparator<TimerHandle> ORDER =
            Comparator.<TimerHandle>comparingLong(t -> t.when).thenComparingLong(t -> t.sequence);

    private static final long SLOT = 1L << TimerQueue.SLOT_SHIFT;
    private static final long WHEEL = SLOT * TimerQueue.SLOTS;

    /** How the deadlines of a run are drawn. */
    private static ToLongFunction<SplittableRandom> deadlines(String kind) {
        switch (kind) {
            case "oneSlot": // the near heap alone
                return r -> r.nextInt(200);
            case "wheel": // a few deadlines per slot across the wheel, some slots shared
                return r -> r.nextLong(WHEEL) / 64 * 64;
            case "beyond": // most beyond the wheel: the far heap and its moves into the wheel
                return r -> r.nextLong(20 * WHEEL);
            default: // "mixed": equal deadlines in shared slots, negative ones, far ones
                return r -> {
                    switch (r.nextInt(4)) {
                        case 0: return r.nextInt(8) * SLOT;
                        case 1: return -r.nextLong(3 * SLOT);
                        case 2: return r.nextLong(3 * WHEEL);
                        default: return r.nextLong(1L << 50);
                    }
                };
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"oneSlot", "wheel", "beyond", "mixed"})
    void pollsInDeadlineThenSequenceOrderThroughAddsAndRemovals(String kind) {
        ToLongFunction<SplittableRandom> deadline = deadlines(kind);
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            TimerQueue queue = new TimerQueue();
            TreeSet<TimerHandle> expected = new TreeSet<>(ORDER);
            List<TimerHandle> live = new ArrayList<>();
            long sequence = 0;
            for (int op = 0; op < 5_000; op++) {
                int what = random.nextInt(10);
                if (what < 5 || live.isEmpty()) {
                    if (queue.isEmpty() && random.nextBoolean()) {
                        queue.startAt(deadline.applyAsLong(random));
                    }
                    TimerHandle t = new TimerHandle(null, deadline.applyAsLong(random), ++sequence, () -> { });
                    queue.add(t);
                    expected.add(t);
                    live.add(t);
                } else if (what < 8) {
                    TimerHandle t = live.remove(random.nextInt(live.size()));
                    queue.remove(t);
                    expected.remove(t);
                    assertEquals(-1, t.heapIndex);
                    queue.remove(t); // a second removal does nothing
                } else {
                    TimerHandle first = queue.poll();
                    assertSame(expected.pollFirst(), first, kind + ", seed " + seed + ", operation " + op);
                    assertEquals(-1, first.heapIndex);
                    live.remove(first);
                }
                assertEquals(expected.size(), queue.size());
                if (!queue.isEmpty()) {
                    assertSame(expected.first(), queue.peek());
                    assertEquals(expected.first().when, queue.firstWhen());
                }
            }
            List<TimerHandle> all = new ArrayList<>();
            queue.forEach(all::add);
            all.sort(ORDER);
            assertEquals(new ArrayList<>(expected), all);
            while (!queue.isEmpty()) {
                assertSame(expected.pollFirst(), queue.poll());
            }
            assertTrue(expected.isEmpty());
            assertSame(null, queue.peek());
        }
    }

    @Test
    void clearEmptiesEveryPartAndUnqueuesTheTimers() {
        TimerQueue queue = new TimerQueue();
        TimerHandle near = new TimerHandle(null, 5, 1, () -> { });
        TimerHandle inWheel = new TimerHandle(null, 3 * SLOT, 2, () -> { });
        TimerHandle far = new TimerHandle(null, 2 * WHEEL, 3, () -> { });
        queue.add(near);
        queue.add(inWheel);
        queue.add(far);
        queue.clear();
        assertTrue(queue.isEmpty());
        assertEquals(-1, near.heapIndex);
        assertEquals(-1, inWheel.heapIndex);
        assertEquals(-1, far.heapIndex);
        queue.remove(inWheel); // nothing left to remove
        TimerHandle later = new TimerHandle(null, 7 * WHEEL, 4, () -> { });
        queue.add(later);
        assertSame(later, queue.poll());
        assertTrue(queue.isEmpty());
    }
}
