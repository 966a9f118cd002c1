package dev.weft;

import java.util.Arrays;

/**
 * A 4-ary min-heap of timers ordered by deadline, then by the order they were set, with O(log n)
 * removal of a cancelled timer: the near and the far part of the {@link TimerQueue}.
 *
 * <p>The deadlines are kept beside the handles in a {@code long[]}, so that a sift compares
 * deadlines without reaching into the handles (a handle is read only when two deadlines are
 * equal), and the four children of a node share one or two cache lines: with a million timers
 * the heap no longer fits in the caches, and each level a sift visits costs a miss or two instead
 * of three.
 */
final class TimerHeap {
    private static final int ARITY = 4;

    private TimerHandle[] heap = new TimerHandle[16];
    private long[] whens = new long[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    TimerHandle peek() {
        return heap[0];
    }

    /** The deadline of the first timer; the heap must not be empty. */
    long firstWhen() {
        return whens[0];
    }

    TimerHandle at(int i) {
        return heap[i];
    }

    void add(TimerHandle t) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            whens = Arrays.copyOf(whens, size * 2);
        }
        siftUp(size++, t);
    }

    TimerHandle poll() {
        TimerHandle first = heap[0];
        removeAt(0);
        return first;
    }

    /** Removes {@code t} if it is here; returns whether it was. */
    boolean remove(TimerHandle t) {
        int i = t.heapIndex;
        if (i >= 0 && i < size && heap[i] == t) {
            removeAt(i);
            return true;
        }
        return false;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        heap[i].heapIndex = -1;
        int last = --size;
        TimerHandle moved = heap[last];
        heap[last] = null;
        if (i != last) {
            // the last timer fills the hole: down if it fires after the hole's children, else up
            if (!siftDown(i, moved)) {
                siftUp(i, moved);
            }
        }
    }

    /** Whether the timer at {@code a} fires before {@code t}, whose deadline is {@code when}. */
    private boolean before(int a, long when, TimerHandle t) {
        long w = whens[a];
        return w < when || (w == when && heap[a].sequence < t.sequence);
    }

    /** Places {@code t} at {@code i} or above it. */
    private void siftUp(int i, TimerHandle t) {
        long when = t.when;
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            if (before(parent, when, t)) {
                break;
            }
            place(i, heap[parent], whens[parent]);
            i = parent;
        }
        place(i, t, when);
    }

    /** Places {@code t} at {@code i} or below it; returns whether it went below. */
    private boolean siftDown(int i, TimerHandle t) {
        long when = t.when;
        int start = i;
        for (;;) {
            int first = i * ARITY + 1;
            if (first >= size) {
                break;
            }
            int end = Math.min(first + ARITY, size);
            int least = first;
            for (int c = first + 1; c < end; c++) {
                if (before(c, whens[least], heap[least])) {
                    least = c;
                }
            }
            if (!before(least, when, t)) {
                break;
            }
            place(i, heap[least], whens[least]);
            i = least;
        }
        place(i, t, when);
        return i != start;
    }

    private void place(int i, TimerHandle t, long when) {
        heap[i] = t;
        whens[i] = when;
        t.heapIndex = i;
    }
}
