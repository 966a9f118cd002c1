package dev.weft.test;

import dev.weft.CoroutineFrame;
import dev.weft.Schedule;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Runs a test under many schedules until one fails: FIFO first, then the strategy's, each from
 * its own seed. A failing schedule is replayed to check that it fails the same way, shrunk, and
 * reported.
 */
final class Exploration {
    /** Replays the shrinking may make at most. */
    private static final int SHRINK_BUDGET = 200;

    private final Supplier<CoroutineFrame<?>> test;
    private final Strategy strategy;
    private final int schedules;
    private final int depth;
    private final long seed;

    Exploration(Supplier<CoroutineFrame<?>> test, Strategy strategy, int schedules, int depth, long seed) {
        if (schedules < 1) {
            throw new IllegalArgumentException("schedules must be at least 1: " + schedules);
        }
        this.test = test;
        this.strategy = strategy;
        this.schedules = schedules;
        this.depth = depth;
        this.seed = seed;
    }

    /** What an exploration found: how many runs it made, and the failing run if any. */
    static final class Result {
        final int runs;
        final TestRun failing;
        final String how;

        Result(int runs, TestRun failing, String how) {
            this.runs = runs;
            this.failing = failing;
            this.how = how;
        }
    }

    /** The seed of run {@code i}: neighbouring runs get unrelated seeds (Schedule scrambles them). */
    private long seedOf(int i) {
        return seed * 1_000_003L + i;
    }

    /** Runs schedules until one fails or {@code schedules} have run. */
    Result explore() {
        TestRun run = TestRun.of(test, Schedule.fifo());
        if (run.failed() || strategy == Strategy.FIFO) {
            return new Result(1, run.failed() ? run : null, "the FIFO order");
        }
        int steps = Math.max(1, run.decisions);
        for (int i = 1; i < schedules; i++) {
            Schedule next;
            switch (strategy) {
                case RANDOM:
                    next = Schedule.random(seedOf(i));
                    break;
                case PCT:
                    next = Schedule.pct(seedOf(i), depth, steps);
                    break;
                default:
                    next = Schedule.exhaustiveAfter(run.schedule);
                    if (next == null) {
                        return new Result(i, null, "every order (" + i + ")");
                    }
            }
            run = TestRun.of(test, next);
            steps = Math.max(steps, run.decisions);
            if (run.failed()) {
                return new Result(i + 1, run, "schedule " + (i + 1) + " of " + schedules + " (master seed " + seed + "), "
                        + next);
            }
        }
        return new Result(schedules, null, schedules + " schedules");
    }

    /**
     * The failure to report for {@code failing}: replayed to check it reproduces, then shrunk to
     * the fewest choices away from FIFO that still fail the same way.
     */
    static AssertionError report(Supplier<CoroutineFrame<?>> test, Result result) {
        TestRun failing = result.failing;
        TestRun again = TestRun.of(test, Schedule.replay(failing.recorded));
        if (!again.sameFailure(failing)) {
            return nondeterministic(failing, again);
        }
        TestRun shrunk = shrink(test, failing);
        TestRun check = TestRun.of(test, Schedule.replay(shrunk.recorded));
        if (!check.sameFailure(shrunk)) {
            return nondeterministic(shrunk, check);
        }
        int before = choicesAway(failing.recorded);
        int after = choicesAway(shrunk.recorded);
        AssertionError e = new AssertionError(result.how + " failed after " + result.runs + " run"
                + (result.runs == 1 ? "" : "s") + ": " + shrunk.failure
                + (shrunk.recorded.isEmpty() ? "\n  it fails in FIFO order: no replay needed"
                        : "\n  replay it: @WeftTest(replay = \"" + shrunk.recorded + "\") or -Dweft.replay=" + shrunk.recorded)
                + (before != after ? "\n  (shrunk from " + before + " to " + after + " choices away from FIFO)" : "")
                + "\n  tasks when it failed:" + (shrunk.dump.isEmpty() ? " none left" : "\n" + indent(shrunk.dump)),
                shrunk.failure);
        return e;
    }

    private static AssertionError nondeterministic(TestRun first, TestRun replay) {
        return new AssertionError("nondeterministic: the schedule \"" + first.recorded + "\" failed with " + first.failure
                + ", and its replay " + (replay.failed() ? "failed with " + replay.failure : "passed")
                + ". The test depends on something outside the loop: another thread, the wall clock,"
                + " System.nanoTime, a HashMap's order of identity-hashed keys", first.failure);
    }

    /** Fewer choices: the shortest failing prefix (then FIFO), then non-FIFO choices made FIFO one by one. */
    private static TestRun shrink(Supplier<CoroutineFrame<?>> test, TestRun failing) {
        int[] choices = Schedule.choices(failing.recorded);
        TestRun best = failing;
        int budget = SHRINK_BUDGET;
        int lo = 0;
        int hi = choices.length;
        while (lo < hi && budget-- > 0) {
            int mid = (lo + hi) >>> 1;
            TestRun r = TestRun.of(test, Schedule.replay(Schedule.recorded(Arrays.copyOf(choices, mid))));
            if (r.sameFailure(failing)) {
                hi = mid;
                best = r;
            } else {
                lo = mid + 1;
            }
        }
        choices = Schedule.choices(best.recorded);
        for (int i = 0; i < choices.length && budget-- > 0; i++) {
            if (choices[i] == 0) {
                continue;
            }
            int[] tried = choices.clone();
            tried[i] = 0;
            TestRun r = TestRun.of(test, Schedule.replay(Schedule.recorded(tried)));
            if (r.sameFailure(failing)) {
                best = r;
                choices = tried;
            }
        }
        return best;
    }

    private static int choicesAway(String recorded) {
        int n = 0;
        for (int c : Schedule.choices(recorded)) {
            if (c != 0) {
                n++;
            }
        }
        return n;
    }



    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }
}
