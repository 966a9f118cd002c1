package dev.weft;

import java.util.Arrays;

/**
 * The ready queue: tasks to step and callbacks to run, in FIFO order; a ring buffer that
 * allocates nothing once grown. With a {@link Schedule} the loop takes the element of the current
 * batch that the schedule picks instead of the first.
 */
final class ReadyQueue {
    private Object[] items = new Object[64];
    private int head;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(Object item) {
        if (size == items.length) {
            grow();
        }
        items[(head + size) & (items.length - 1)] = item;
        size++;
    }

    Object poll() {
        Object item = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        return item;
    }

    /**
     * Takes the item at {@code index}. The head item moves into the slot of the one taken, so the
     * order of the rest changes too: a run stays reproducible, since every choice is recorded.
     */
    Object pollAt(int index) {
        if (index != 0) {
            int mask = items.length - 1;
            int i = (head + index) & mask;
            Object chosen = items[i];
            items[i] = items[head];
            items[head] = chosen;
        }
        return poll();
    }

    Object get(int i) {
        return items[(head + i) & (items.length - 1)];
    }

    void clear() {
        Arrays.fill(items, null);
        head = 0;
        size = 0;
    }

    private void grow() {
        Object[] bigger = new Object[items.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = items[(head + i) & (items.length - 1)];
        }
        items = bigger;
        head = 0;
    }
}
