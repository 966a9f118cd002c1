package dev.weft;

import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by deadline, then by the order they were set, with O(log n)
 * removal of a cancelled timer.
 */
final class TimerQueue {
    private TimerHandle[] heap = new TimerHandle[16];
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

    TimerHandle at(int i) {
        return heap[i];
    }

    void add(TimerHandle t) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = t;
        t.heapIndex = size;
        siftUp(size++);
    }

    TimerHandle poll() {
        TimerHandle first = heap[0];
        removeAt(0);
        return first;
    }

    void remove(TimerHandle t) {
        int i = t.heapIndex;
        if (i >= 0 && i < size && heap[i] == t) {
            removeAt(i);
        }
    }

    void clear() {
        Arrays.fill(heap, 0, size, null);
        size = 0;
    }

    private void removeAt(int i) {
        TimerHandle removed = heap[i];
        removed.heapIndex = -1;
        int last = --size;
        if (i != last) {
            TimerHandle moved = heap[last];
            heap[i] = moved;
            moved.heapIndex = i;
            heap[last] = null;
            siftDown(i);
            if (heap[i] == moved) {
                siftUp(i);
            }
        } else {
            heap[last] = null;
        }
    }

    private void siftUp(int i) {
        TimerHandle t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            TimerHandle p = heap[parent];
            if (!t.firesBefore(p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void siftDown(int i) {
        TimerHandle t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            TimerHandle c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].firesBefore(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.firesBefore(t)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }
}
