package dev.weft;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The loop's timers, ordered by deadline, then by the order they were set: O(1) to set or cancel
 * a timer due within the next few seconds, and to fire one, a heap of the timers of its
 * millisecond.
 *
 * <p>Loop time is cut into slots of 2<sup>{@value #SLOT_SHIFT}</sup> ns (about a millisecond), and
 * a cursor says which slot is being fired. Every timer is in one of three places, by its slot
 * alone:
 * <ul>
 *   <li>at or before the cursor: the <em>near</em> heap, which orders them exactly;
 *   <li>in the {@value #SLOTS} slots after it (about four seconds): a wheel of unordered buckets,
 *       one per slot, where a timer is added or removed in constant time;
 *   <li>later: the <em>far</em> heap.
 * </ul>
 * When the near heap runs empty the cursor moves to the next slot that holds timers, whose bucket
 * becomes the near heap, and far timers that the wheel now reaches move into it. So a timer is
 * ordered only among the timers of its own slot, in a heap small enough to stay in the caches,
 * where one heap of all the timers costs a cache miss or two per level once it outgrows them.
 * Timers with equal deadlines share a slot, so the order they were set still decides. Timers due
 * beyond the wheel cost what the one heap did, once, when they move into it.
 */
final class TimerQueue {
    /** A slot is 2^20 ns of loop time (1.05 ms). */
    static final int SLOT_SHIFT = 20;
    /** Slots in the wheel (4.4 s of loop time); a power of two. */
    static final int SLOTS = 4096;
    private static final int MASK = SLOTS - 1;
    /** A bucket emptied with more room than this gives its array back. */
    private static final int KEPT_BUCKET = 64;

    private final TimerHeap near = new TimerHeap();
    private final TimerHeap far = new TimerHeap();
    /**
     * By slot modulo {@link #SLOTS}: the wheel's timers, a timer's {@code heapIndex} its place; the
     * wheel's arrays are made when the first timer goes into it (32 KB a loop without timers
     * does not pay).
     */
    private TimerHandle[][] buckets;
    private int[] counts;
    /** A bit per bucket that holds timers. */
    private long[] occupied;
    /** The slot being fired: the near heap holds every timer of this slot or an earlier one. */
    private long cursor;
    private int inWheel;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The first timer, or {@code null} when there is none. */
    TimerHandle peek() {
        return size == 0 ? null : nearFilled().peek();
    }

    /** The deadline of the first timer; the queue must not be empty. */
    long firstWhen() {
        return nearFilled().firstWhen();
    }

    /** Removes and returns the first timer; the queue must not be empty. */
    TimerHandle poll() {
        size--;
        return nearFilled().poll();
    }

    /** The near heap, refilled from the wheel if it ran empty; the queue must not be empty. */
    private TimerHeap nearFilled() {
        if (near.isEmpty()) {
            refill();
        }
        return near;
    }

    /**
     * Before an add to an empty queue: puts the cursor at loop time {@code now}, so that the wheel
     * covers the next seconds (timers due earlier still fire first, from the near heap).
     */
    void startAt(long now) {
        if (size == 0) {
            cursor = slot(now);
        }
    }

    void add(TimerHandle t) {
        size++;
        place(t, slot(t.when));
    }

    /** Removes {@code t} if it is here (it may have fired or been removed already). */
    void remove(TimerHandle t) {
        if (t.heapIndex < 0) {
            return;
        }
        long slot = slot(t.when);
        boolean removed;
        if (slot <= cursor) {
            removed = near.remove(t);
        } else if (slot - cursor < SLOTS) {
            removed = removeFromBucket(t, (int) (slot & MASK));
        } else {
            removed = far.remove(t);
        }
        if (removed) {
            size--;
        }
    }

    void clear() {
        near.clear();
        far.clear();
        for (int b = 0; inWheel > 0 && b < SLOTS; b++) {
            inWheel -= counts[b];
            for (int i = 0; i < counts[b]; i++) {
                buckets[b][i].heapIndex = -1;
            }
            emptyBucket(b);
        }
        size = 0;
    }

    /** Gives every timer, in no particular order, to {@code action} (for task dumps). */
    void forEach(Consumer<TimerHandle> action) {
        for (int i = 0; i < near.size(); i++) {
            action.accept(near.at(i));
        }
        for (int b = 0; inWheel > 0 && b < SLOTS; b++) {
            for (int i = 0; i < counts[b]; i++) {
                action.accept(buckets[b][i]);
            }
        }
        for (int i = 0; i < far.size(); i++) {
            action.accept(far.at(i));
        }
    }

    private static long slot(long when) {
        return when >> SLOT_SHIFT;
    }

    /** Puts {@code t}, whose slot is {@code slot}, where the cursor says it belongs. */
    private void place(TimerHandle t, long slot) {
        if (slot <= cursor) {
            near.add(t);
        } else if (slot - cursor < SLOTS) {
            addToBucket(t, (int) (slot & MASK));
        } else {
            far.add(t);
        }
    }

    /**
     * The near heap is empty and the queue is not: moves the cursor to the next slot with timers
     * and makes its bucket the near heap.
     */
    private void refill() {
        if (inWheel == 0) {
            // every timer is beyond the wheel: bring the wheel to the first of them
            cursor = slot(far.firstWhen()) - 1;
            reachFar();
        }
        cursor = nextOccupiedSlot();
        int b = (int) (cursor & MASK);
        TimerHandle[] bucket = buckets[b];
        for (int i = 0, n = counts[b]; i < n; i++) {
            near.add(bucket[i]);
        }
        inWheel -= counts[b];
        emptyBucket(b);
        reachFar();
    }

    /** Moves the far timers that the wheel reaches from the cursor into it. */
    private void reachFar() {
        while (!far.isEmpty() && slot(far.firstWhen()) - cursor < SLOTS) {
            TimerHandle t = far.poll();
            place(t, slot(t.when));
        }
    }

    /** The first slot after the cursor whose bucket holds timers; the wheel must hold some. */
    private long nextOccupiedSlot() {
        int start = (int) ((cursor + 1) & MASK);
        int words = SLOTS / 64;
        // from the start's word round to it again: its bits from the start first, below it last
        for (int k = 0; k <= words; k++) {
            int w = ((start >>> 6) + k) & (words - 1);
            long bits = occupied[w];
            if (k == 0) {
                bits &= -1L << (start & 63);
            } else if (k == words) {
                bits &= ~(-1L << (start & 63));
            }
            if (bits != 0) {
                int b = (w << 6) + Long.numberOfTrailingZeros(bits);
                return cursor + 1 + ((b - start) & MASK);
            }
        }
        throw new IllegalStateException("timer wheel: " + inWheel + " timers but no bucket holds one");
    }

    private void addToBucket(TimerHandle t, int b) {
        if (buckets == null) {
            buckets = new TimerHandle[SLOTS][];
            counts = new int[SLOTS];
            occupied = new long[SLOTS / 64];
        }
        TimerHandle[] bucket = buckets[b];
        int n = counts[b];
        if (bucket == null) {
            bucket = buckets[b] = new TimerHandle[8];
        } else if (n == bucket.length) {
            bucket = buckets[b] = Arrays.copyOf(bucket, n * 2);
        }
        bucket[n] = t;
        t.heapIndex = n;
        counts[b] = n + 1;
        occupied[b >>> 6] |= 1L << b;
        inWheel++;
    }

    private boolean removeFromBucket(TimerHandle t, int b) {
        int i = t.heapIndex;
        int last = counts[b] - 1;
        TimerHandle[] bucket = buckets[b];
        if (i > last || bucket[i] != t) {
            return false;
        }
        TimerHandle moved = bucket[last];
        bucket[i] = moved;
        moved.heapIndex = i;
        bucket[last] = null;
        t.heapIndex = -1;
        counts[b] = last;
        if (last == 0) {
            occupied[b >>> 6] &= ~(1L << b);
        }
        inWheel--;
        return true;
    }

    /** Empties bucket {@code b} of the wheel (its timers are elsewhere now, or dropped). */
    private void emptyBucket(int b) {
        TimerHandle[] bucket = buckets[b];
        if (bucket != null) {
            if (bucket.length > KEPT_BUCKET) {
                buckets[b] = null;
            } else {
                Arrays.fill(bucket, 0, counts[b], null);
            }
        }
        counts[b] = 0;
        occupied[b >>> 6] &= ~(1L << b);
    }
}
