package dev.weft.test;

import dev.weft.CoroutineFrame;
import dev.weft.EventLoop;
import dev.weft.Schedule;
import dev.weft.Task;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One run of a test's coroutine under one schedule, and what it ended with. */
final class TestRun {
    /** The failure, or {@code null} if the run passed. */
    final Throwable failure;
    /** The schedule, and the order the run took with it, replayable. */
    final Schedule schedule;
    final String recorded;
    /** How many choices among several ready items it made. */
    final int decisions;
    /** The tasks when it ended, one line each. */
    final String dump;

    private TestRun(Throwable failure, Schedule schedule, int decisions, String dump) {
        this.failure = failure;
        this.schedule = schedule;
        this.recorded = schedule.recorded();
        this.decisions = decisions;
        this.dump = dump;
    }

    boolean failed() {
        return failure != null;
    }

    /** Whether {@code other} failed the same way: the same exception class and message. */
    boolean sameFailure(TestRun other) {
        return failed() && other.failed() && failure.getClass() == other.failure.getClass()
                && String.valueOf(failure.getMessage()).equals(String.valueOf(other.failure.getMessage()));
    }

    static TestRun of(Supplier<CoroutineFrame<?>> test, Schedule schedule) {
        Throwable failure = null;
        String dump;
        try (EventLoop loop = EventLoop.withSchedule(schedule)) {
            try {
                loop.runUntilComplete(test.get());
            } catch (Throwable t) {
                failure = t;
            }
            dump = loop.dumpTasks();
            List<Task<?>> left = loop.allTasks();
            if (failure == null && !left.isEmpty()) {
                failure = new AssertionError("tasks were still running when the test ended (asyncio: \"Task was"
                        + " destroyed but it is pending\"); await or cancel them:\n" + dump);
            }
            Map<String, Throwable> unretrieved = loop.unretrievedFailures();
            if (failure == null && !unretrieved.isEmpty()) {
                Map.Entry<String, Throwable> first = unretrieved.entrySet().iterator().next();
                failure = new AssertionError("the exception of " + unretrieved.keySet()
                        + " was never retrieved (asyncio: \"Task exception was never retrieved\"); await the task or"
                        + " read its exception()", first.getValue());
            }
            for (Task<?> t : left) {
                t.cancel();
            }
        }
        return new TestRun(failure, schedule, schedule.decisions(), dump);
    }
}
