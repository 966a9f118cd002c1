package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Schedules: how a virtual-time loop picks among ready items, recorded and replayed. */
class ScheduleTest {
    /** {@code tasks} tasks that each log their name {@code steps} times, yielding in between. */
    private static List<String> interleaving(Schedule schedule, int tasks, int steps) {
        List<String> log = new ArrayList<>();
        try (EventLoop loop = EventLoop.withSchedule(schedule)) {
            List<Task<?>> spawned = new ArrayList<>();
            Script<Void> main = Script.of(x -> {
                for (int t = 0; t < tasks; t++) {
                    String name = String.valueOf((char) ('a' + t));
                    int[] left = {steps};
                    spawned.add(Weft.spawn(Script.of(y -> {
                        log.add(name);
                        if (--left[0] > 0) {
                            y.goTo(0);
                            return Weft.yieldNow();
                        }
                        return y.done(null);
                    })));
                }
                return Weft.gather(spawned);
            }, x -> x.done(null));
            loop.runUntilComplete(main);
        }
        return log;
    }

    @Test
    void fifoKeepsTheOrderOfThePlainLoop() {
        assertEquals(List.of("a", "b", "c", "a", "b", "c"), interleaving(Schedule.fifo(), 3, 2));
    }

    @Test
    void aRecordedRunReplaysExactly() {
        Schedule random = Schedule.random(7);
        List<String> first = interleaving(random, 4, 5);
        assertTrue(random.decisions() > 0);
        assertEquals(first, interleaving(Schedule.replay(random.recorded()), 4, 5));
        assertEquals(first, interleaving(Schedule.random(7), 4, 5));
        assertNotEquals(first, interleaving(Schedule.random(8), 4, 5));
    }

    @Test
    void withSeedIsTheRandomSchedule() {
        List<String> log = new ArrayList<>();
        for (EventLoop loop : List.of(EventLoop.withSeed(3), EventLoop.withSchedule(Schedule.random(3)))) {
            try (EventLoop l = loop) {
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    l.callSoon(() -> log.add("cb" + n));
                }
                l.runUntilComplete(Script.of(x -> Weft.yieldNow(), x -> x.done(null)));
            }
        }
        assertEquals(log.subList(0, 5), log.subList(5, 10));
    }

    @Test
    void aReplayThatMeetsOtherReadyItemsSaysTheScheduleDiverged() {
        Schedule random = Schedule.random(1);
        interleaving(random, 4, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> interleaving(Schedule.replay(random.recorded()), 2, 3));
        assertTrue(e.getMessage().startsWith("the schedule diverged at choice "), e.getMessage());
    }

    @Test
    void pctOfDepthOneRunsTasksInTheOrderOfRandomPriorities() {
        Set<List<String>> orders = new HashSet<>();
        for (long seed = 0; seed < 60; seed++) {
            List<String> log = interleaving(Schedule.pct(seed, 1, 10), 3, 1);
            orders.add(log);
            assertEquals(log, interleaving(Schedule.pct(seed, 1, 10), 3, 1), "seed " + seed + " replays");
        }
        assertEquals(6, orders.size(), orders.toString()); // every order of three tasks comes up
    }

    /** The order of the two tasks in each iteration: "ab" or "ba" for each of their steps. */
    private static List<String> pairs(List<String> log) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < log.size(); i += 2) {
            pairs.add(log.get(i) + log.get(i + 1));
        }
        return pairs;
    }

    @Test
    void pctOfDepthTwoChangesTheOrderAtItsChangePoint() {
        // Each iteration runs what was ready when it began (a yielding task runs again in the
        // next one), so PCT orders the tasks within each iteration by priority. Depth 1: the same
        // order in every iteration. Depth 2: at the change point the first one drops to the lowest.
        for (long seed = 0; seed < 20; seed++) {
            List<String> pairs = pairs(interleaving(Schedule.pct(seed, 1, 12), 2, 6));
            assertEquals(1, new HashSet<>(pairs).size(), "seed " + seed + ": " + pairs);
        }
        boolean changed = false;
        for (long seed = 0; seed < 40 && !changed; seed++) {
            changed = new HashSet<>(pairs(interleaving(Schedule.pct(seed, 2, 6), 2, 6))).size() > 1;
        }
        assertTrue(changed, "some seed's change point falls within the run");
    }

    @Test
    void timersDueAtTheSameInstantAreOrderedByTheSchedule() {
        Set<String> orders = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            StringBuilder sb = new StringBuilder();
            try (EventLoop loop = EventLoop.withSchedule(Schedule.random(seed))) {
                loop.callLater(Duration.ofMillis(5), () -> sb.append('x'));
                loop.callLater(Duration.ofMillis(5), () -> sb.append('y'));
                loop.runUntilComplete(Script.of(x -> Weft.sleep(Duration.ofMillis(10)), x -> x.done(null)));
            }
            orders.add(sb.toString());
        }
        assertEquals(Set.of("xy", "yx"), orders);
    }
}
