package dev.weft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wait queues of a loop that hold waiters, as an intrusive list (no allocation per wait):
 * the tasks blocked on its primitives, which {@link EventLoop#allTasks()} lists and a
 * {@link DeadlockException} names.
 */
final class BlockedTasks {
    private final EventLoop loop;
    /** Head of the list of wait queues that hold waiters. */
    private WaitQueue head;

    BlockedTasks(EventLoop loop) {
        this.loop = loop;
    }

    /** {@code q} holds a waiter now. */
    void register(WaitQueue q) {
        q.registeredWith = loop;
        q.registryPrev = null;
        q.registryNext = head;
        if (head != null) {
            head.registryPrev = q;
        }
        head = q;
    }

    /** {@code q} holds no waiter any more. */
    void unregister(WaitQueue q) {
        WaitQueue p = q.registryPrev;
        WaitQueue n = q.registryNext;
        if (p == null) {
            head = n;
        } else {
            p.registryNext = n;
        }
        if (n != null) {
            n.registryPrev = p;
        }
        q.registryPrev = null;
        q.registryNext = null;
        q.registeredWith = null;
    }

    /** The first wait queue; the next ones through {@code registryNext}. */
    WaitQueue first() {
        return head;
    }

    /** The report of a loop where {@code main} can never complete: every blocked task and what it waits on. */
    DeadlockException deadlock(Task<?> main) {
        StringBuilder sb = new StringBuilder("deadlock: ").append(main.name())
                .append(" can never complete: no task is ready, no timer is pending and nothing"
                        + " is expected from another thread. Blocked tasks:");
        Map<Task<?>, Boolean> seen = new IdentityHashMap<>();
        List<String> lines = new ArrayList<>();
        for (WaitQueue q = head; q != null; q = q.registryNext) {
            for (Task<?> t = q.first(); t != null; t = WaitQueue.next(t)) {
                if (t.isWaitPending() && seen.put(t, Boolean.TRUE) == null) {
                    lines.add(t.name() + " waits on " + Task.describeWaitOf(t) + StackTraces.where(t));
                }
            }
        }
        if (seen.put(main, Boolean.TRUE) == null) {
            lines.add(main.name() + " waits on " + Task.describeWaitOf(main) + StackTraces.where(main));
        }
        Collections.sort(lines);
        for (String line : lines) {
            sb.append("\n  ").append(line);
        }
        sb.append("\nA callback that another thread will post with callSoonThreadsafe counts only"
                + " if announced with loop.expectThreadsafeCall().");
        return new DeadlockException(sb.toString());
    }
}
