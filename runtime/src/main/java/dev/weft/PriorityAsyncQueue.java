package dev.weft;

import java.util.Arrays;
import java.util.Comparator;

/**
 * An {@link AsyncQueue} that returns the smallest item first (asyncio's {@code PriorityQueue},
 * which returns the lowest entry first), ordered by the items' natural ordering or by a
 * {@link Comparator} given to the constructor.
 *
 * <p><b>Ties.</b> Items that compare equal come out in the order they were put (first in, first
 * out), so that the order is always fully determined by the items and the order of the puts.
 * asyncio's queue, built on {@code heapq}, leaves the order of equal entries unspecified; asyncio
 * code usually makes entries unique with a counter ({@code (priority, count, item)}), which a
 * Weft priority queue does not need.
 *
 * <p><b>Ordering errors.</b> In natural ordering, items must be {@link Comparable} and not
 * {@code null}: putting anything else throws {@link ClassCastException} or
 * {@link NullPointerException}. Whatever the comparator (or {@code compareTo}) throws while an
 * item is put or taken propagates to the caller and leaves the queue exactly as it was. A
 * comparator may allow {@code null} items; the queue then holds them like any other.
 *
 * <p>Everything but the order of the items is as in {@link AsyncQueue}: the maximum size, the
 * FIFO order in which waiting tasks are woken, {@link #taskDone()} and {@link #join()}, and
 * {@link #shutdown(boolean)}. Putting and taking an item cost O(log n) comparisons.
 *
 * @param <T> the type of the items
 */
public final class PriorityAsyncQueue<T> extends AsyncQueue<T> {
    private static final long[] NO_SEQUENCES = {};

    private final Comparator<? super T> comparator;
    /** The put number of the item at the same index of {@code items}: the tie-breaker. */
    private long[] sequences = NO_SEQUENCES;
    private long nextSequence;

    /** Creates an unbounded priority queue in the items' natural ordering. */
    public PriorityAsyncQueue() {
        this(0, null);
    }

    /**
     * Creates a priority queue in the items' natural ordering that holds at most {@code maxSize}
     * items.
     *
     * @param maxSize the maximum number of items; zero or less means unbounded, as in asyncio
     */
    public PriorityAsyncQueue(int maxSize) {
        this(maxSize, null);
    }

    /**
     * Creates an unbounded priority queue ordered by {@code comparator}.
     *
     * @param comparator the order of the items (smallest first), or {@code null} for their
     *     natural ordering
     */
    public PriorityAsyncQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /**
     * Creates a priority queue ordered by {@code comparator} that holds at most {@code maxSize}
     * items.
     *
     * @param maxSize the maximum number of items; zero or less means unbounded, as in asyncio
     * @param comparator the order of the items (smallest first), or {@code null} for their
     *     natural ordering
     */
    public PriorityAsyncQueue(int maxSize, Comparator<? super T> comparator) {
        super(maxSize);
        this.comparator = comparator;
    }

    /**
     * The comparator that orders the items.
     *
     * @return the comparator, or {@code null} if the queue uses the items' natural ordering
     */
    public Comparator<? super T> comparator() {
        return comparator;
    }

    @Override
    String kindName() {
        return "PriorityAsyncQueue";
    }

    /** Orders two entries by item, then by put number. */
    @SuppressWarnings("unchecked")
    private int compare(Object a, long aSequence, Object b, long bSequence) {
        int c = comparator == null ? ((Comparable<Object>) a).compareTo(b)
                : comparator.compare((T) a, (T) b);
        return c != 0 ? c : Long.compare(aSequence, bSequence);
    }

    /**
     * A binary heap insertion done in two passes: first the comparisons find where the item
     * settles, then the ancestors move down; a comparator that throws thus changes nothing.
     */
    @Override
    void addItem(T item) {
        if (comparator == null) {
            if (item == null) {
                throw new NullPointerException("a PriorityAsyncQueue in natural ordering cannot hold"
                        + " null; give it a Comparator that orders null");
            }
            if (!(item instanceof Comparable)) {
                throw new ClassCastException(item.getClass().getName() + " is not Comparable;"
                        + " give the PriorityAsyncQueue a Comparator");
            }
        }
        Object[] es = items;
        long[] seqs = sequences;
        int k = count;
        long seq = nextSequence;
        int dest = k;
        while (dest > 0) {
            int parent = (dest - 1) >>> 1;
            if (compare(item, seq, es[parent], seqs[parent]) >= 0) {
                break;
            }
            dest = parent;
        }
        if (k == es.length) {
            growItems();
            es = items;
            seqs = Arrays.copyOf(seqs, es.length);
            sequences = seqs;
        }
        int hole = k;
        while (hole != dest) {
            int parent = (hole - 1) >>> 1;
            es[hole] = es[parent];
            seqs[hole] = seqs[parent];
            hole = parent;
        }
        es[dest] = item;
        seqs[dest] = seq;
        nextSequence = seq + 1;
        count = k + 1;
    }

    /**
     * Takes the root of the heap, in two passes like {@link #addItem}: the comparisons find where
     * the last entry settles when sifted down from the root, then the entries on that path move up.
     */
    @Override
    @SuppressWarnings("unchecked")
    T removeItem() {
        Object[] es = items;
        long[] seqs = sequences;
        int n = count - 1;
        T top = (T) es[0];
        if (n > 0) {
            Object last = es[n];
            long lastSeq = seqs[n];
            int dest = 0;
            int half = n >>> 1;
            while (dest < half) {
                int child = 2 * dest + 1;
                int right = child + 1;
                if (right < n && compare(es[right], seqs[right], es[child], seqs[child]) < 0) {
                    child = right;
                }
                if (compare(last, lastSeq, es[child], seqs[child]) <= 0) {
                    break;
                }
                dest = child;
            }
            // The path from the root to dest is the chain of dest's ancestors: in 1-based heap
            // numbering, the ancestor 'shift' levels above node i is i >>> shift.
            int oneBased = dest + 1;
            int previous = 0;
            for (int shift = 30 - Integer.numberOfLeadingZeros(oneBased); shift >= 0; shift--) {
                int node = (oneBased >>> shift) - 1;
                es[previous] = es[node];
                seqs[previous] = seqs[node];
                previous = node;
            }
            es[dest] = last;
            seqs[dest] = lastSeq;
        }
        es[n] = null;
        count = n;
        return top;
    }
}
