package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The timer heap against a sorted set of the same timers: random adds (many deadlines equal, so
 * that the order they were set decides), removals from anywhere and polls, for several seeds.
 */
class TimerQueueTest {
    private static final Comparator<TimerHandle> ORDER =
            Comparator.<TimerHandle>comparingLong(t -> t.when).thenComparingLong(t -> t.sequence);

    @Test
    void pollsInDeadlineThenSequenceOrderThroughAddsAndRemovals() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            TimerQueue queue = new TimerQueue();
            TreeSet<TimerHandle> expected = new TreeSet<>(ORDER);
            List<TimerHandle> live = new ArrayList<>();
            long sequence = 0;
            for (int op = 0; op < 5_000; op++) {
                int what = random.nextInt(10);
                if (what < 5 || live.isEmpty()) {
                    TimerHandle t = new TimerHandle(null, random.nextInt(200), ++sequence, () -> { });
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
                    assertSame(expected.pollFirst(), first, "seed " + seed + ", operation " + op);
                    live.remove(first);
                }
                assertEquals(expected.size(), queue.size());
                if (!queue.isEmpty()) {
                    assertSame(expected.first(), queue.peek());
                    assertEquals(expected.first().when, queue.firstWhen());
                }
            }
            while (!queue.isEmpty()) {
                assertSame(expected.pollFirst(), queue.poll());
            }
            assertTrue(expected.isEmpty());
        }
    }
}
