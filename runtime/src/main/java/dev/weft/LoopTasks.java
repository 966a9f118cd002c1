package dev.weft;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The tasks a loop holds, found in its queues ({@link EventLoop#allTasks()}), and their dump. */
final class LoopTasks {
    private LoopTasks() {
    }

    /** The tasks not done among the ready ones, the sleepers, the waiters and the current one. */
    static List<Task<?>> of(ReadyQueue ready, TimerQueue timers, BlockedTasks blocked, Task<?> current) {
        Map<Task<?>, Boolean> found = new IdentityHashMap<>();
        List<Task<?>> result = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            Object item = ready.get(i);
            if (item instanceof Task) {
                add(found, result, (Task<?>) item);
            }
        }
        timers.forEach(t -> {
            if (t instanceof Sleep.WakeUp) {
                add(found, result, ((Sleep.WakeUp) t).task);
            }
        });
        for (WaitQueue q = blocked.first(); q != null; q = q.registryNext) {
            for (Task<?> t = q.first(); t != null; t = WaitQueue.next(t)) {
                add(found, result, t);
            }
        }
        if (current != null) {
            add(found, result, current);
        }
        return result;
    }

    /** One line per task: its name, state, what it waits on and where (see {@link Task#toString()}). */
    static String dump(List<Task<?>> tasks) {
        StringBuilder sb = new StringBuilder();
        for (Task<?> t : tasks) {
            sb.append(t).append('\n');
        }
        return sb.toString();
    }

    private static void add(Map<Task<?>, Boolean> found, List<Task<?>> result, Task<?> t) {
        if (!t.isDone() && found.put(t, Boolean.TRUE) == null) {
            result.add(t);
        }
    }

    /** Whether any of {@code tasks} is not done. */
    static boolean anyUnfinished(List<Task<?>> tasks) {
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                return true;
            }
        }
        return false;
    }
}
