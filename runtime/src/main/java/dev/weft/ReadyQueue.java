package dev.weft;

import java.util.Arrays;
import java.util.Random;

/**
 * The ready queue: tasks to step and callbacks to run, in FIFO order; a ring buffer that
 * allocates nothing once grown. In seeded mode the loop takes a random element of the current
 * batch instead of the first.
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
     * Takes a random one of the first {@code bound} items. The head item moves into the slot of
     * the one taken, so the order of the rest changes too: the run is still reproducible, since
     * every choice comes from the seeded {@code random}.
     */
    Object pollRandom(Random random, int bound) {
        int pick = random.nextInt(bound);
        if (pick != 0) {
            int mask = items.length - 1;
            int i = (head + pick) & mask;
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
