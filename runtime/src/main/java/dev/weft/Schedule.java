package dev.weft;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How a loop on virtual time picks, among the tasks and callbacks ready in an iteration, the one
 * that runs next ({@link EventLoop#withSchedule(Schedule)}): the choices that decide which
 * interleaving of the tasks a run sees. FIFO is what a plain loop does; the others are for tests
 * that must not depend on one order:
 * <ul>
 *   <li>{@link #random(long)}: a uniform choice each time, from a seed
 *       ({@link EventLoop#withSeed(long)}).
 *   <li>{@link #pct(long, int, int)}: probabilistic concurrency testing (Burckhardt et al., as in
 *       AWS shuttle): random priorities for the tasks, the highest-priority ready one runs, and
 *       at {@code depth - 1} random steps the running one drops to the lowest priority. A bug
 *       that needs {@code d} ordering constraints shows with probability at least
 *       {@code 1 / (n * k^(d-1))} per run, for {@code n} tasks and {@code k} steps.
 *   <li>{@link #replay(String)}: exactly the choices {@link #recorded()} wrote down in an
 *       earlier run; a run that offers a different set of ready items than the recorded one
 *       throws {@link IllegalStateException} ("the schedule diverged"): the code depends on
 *       something outside the loop.
 * </ul>
 * Every schedule records the choices it makes where more than one item was ready, so that any
 * run can be replayed. Timers due at the same instant and the arrivals of a
 * {@link SimulatedNetwork} are ready items too: their order is chosen the same way.
 */
public abstract class Schedule {
    private final List<Integer> choices = new ArrayList<>();
    /** How many items were ready at each recorded choice. */
    private final List<Integer> counts = new ArrayList<>();
    private int decisions;

    Schedule() {
    }

    /** First in, first out: what a loop without a schedule does. */
    public static Schedule fifo() {
        return new Schedule() {
            @Override
            int choose(ReadyQueue ready, int bound) {
                return 0;
            }

            @Override
            public String toString() {
                return "fifo";
            }
        };
    }

    /**
     * A uniform random choice among the ready items each time, from {@code seed}.
     *
     * @param seed the seed
     * @return the schedule
     */
    public static Schedule random(long seed) {
        Random random = new Random(mix(seed));
        return new Schedule() {
            @Override
            int choose(ReadyQueue ready, int bound) {
                return random.nextInt(bound);
            }

            @Override
            public String toString() {
                return "random(" + seed + ")";
            }
        };
    }

    /**
     * Probabilistic concurrency testing of depth {@code depth}, with change points drawn among
     * the first {@code steps} choices.
     *
     * @param seed the seed of the priorities and change points
     * @param depth how many ordering constraints a bug may need (1: random priorities only)
     * @param steps about how many choices a run makes (change points fall in {@code 1..steps})
     * @return the schedule
     */
    public static Schedule pct(long seed, int depth, int steps) {
        if (depth < 1 || steps < 1) {
            throw new IllegalArgumentException("depth and steps must be positive: " + depth + ", " + steps);
        }
        return new Pct(seed, depth, steps);
    }

    /**
     * The next schedule of an exhaustive, depth-first search after {@code previous} has run: the
     * same choices up to the last one that had an untried alternative, that alternative, then
     * FIFO. Start with {@link #fifo()}; {@code null} once every order was run.
     *
     * @param previous a schedule whose run has ended
     * @return the next one, or {@code null}
     */
    public static Schedule exhaustiveAfter(Schedule previous) {
        for (int i = previous.choices.size() - 1; i >= 0; i--) {
            int next = previous.choices.get(i) + 1;
            if (next < previous.counts.get(i)) {
                int[] prefix = new int[i + 1];
                for (int k = 0; k < i; k++) {
                    prefix[k] = previous.choices.get(k);
                }
                prefix[i] = next;
                return replay(recorded(prefix));
            }
        }
        return null;
    }

    /**
     * The choices of an earlier run ({@link #recorded()}), in order; FIFO once they are used up.
     *
     * @param recorded what {@code recorded()} returned
     * @return the schedule
     */
    public static Schedule replay(String recorded) {
        int[] forced = choices(recorded);
        return new Schedule() {
            private int next;

            @Override
            int choose(ReadyQueue ready, int bound) {
                if (next >= forced.length) {
                    return 0;
                }
                int c = forced[next++];
                if (c >= bound) {
                    throw new IllegalStateException("the schedule diverged at choice " + next + ": it chose item "
                            + c + " where only " + bound + " are ready. The run depends on something outside the"
                            + " loop (another thread, the wall clock, a HashMap's order), or the code changed");
                }
                return c;
            }

            @Override
            public String toString() {
                return "replay(" + recorded + ")";
            }
        };
    }

    /**
     * Scrambles a seed (SplitMix64's finalizer): {@code java.util.Random}'s first outputs for
     * neighbouring seeds are alike, and explorations use neighbouring seeds.
     */
    static long mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The choices of a recorded schedule ({@link #recorded()}): for tools that shrink or vary one.
     *
     * @param recorded a recorded schedule
     * @return its choices, in order
     */
    public static int[] choices(String recorded) {
        if (recorded.isEmpty()) {
            return new int[0];
        }
        String[] parts = recorded.split("\\.");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i], 36);
        }
        return out;
    }

    /**
     * The recorded form of {@code choices}, which {@link #replay(String)} takes; trailing FIFO
     * choices (zeros) are left out.
     *
     * @param choices indices into the ready items, in order
     * @return the recorded schedule
     */
    public static String recorded(int[] choices) {
        int n = choices.length;
        while (n > 0 && choices[n - 1] == 0) {
            n--; // trailing FIFO choices: a replay makes them once the recorded ones are used up
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(Integer.toString(choices[i], 36));
        }
        return sb.toString();
    }

    /**
     * The choices made so far where more than one item was ready, as a compact string that
     * {@link #replay(String)} takes: indices into the ready items, base 36, separated by dots,
     * without the trailing FIFO ones (empty: the FIFO order).
     *
     * @return the recorded schedule
     */
    public final String recorded() {
        int[] out = new int[choices.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = choices.get(i);
        }
        return recorded(out);
    }

    /**
     * How many choices among more than one ready item were made.
     *
     * @return the count
     */
    public final int decisions() {
        return decisions;
    }

    /** Picks one of the first {@code bound} ready items (more than one): its index. */
    abstract int choose(ReadyQueue ready, int bound);

    /** The item to run next, taken out of the ready queue; records the choice. */
    final Object next(ReadyQueue ready, int bound) {
        if (bound == 1) {
            return ready.poll();
        }
        int c = choose(ready, bound);
        decisions++;
        choices.add(c);
        counts.add(bound);
        return ready.pollAt(c);
    }

    /** PCT: the ready item of the highest priority runs; priorities drop at the change points. */
    private static final class Pct extends Schedule {
        private final long seed;
        private final int depth;
        private final Random random;
        private final int[] changePoints;
        private final Map<Object, Integer> priorities = new IdentityHashMap<>();
        private int step;

        Pct(long seed, int depth, int steps) {
            this.seed = seed;
            this.depth = depth;
            this.random = new Random(mix(seed));
            this.changePoints = new int[depth - 1];
            for (int i = 0; i < changePoints.length; i++) {
                changePoints[i] = 1 + random.nextInt(steps);
            }
        }

        private int priority(Object item) {
            // Tasks keep theirs across runs; a callback is a new item each time it is ready.
            return priorities.computeIfAbsent(item, k -> depth + random.nextInt(Integer.MAX_VALUE - depth));
        }

        @Override
        int choose(ReadyQueue ready, int bound) {
            step++;
            int best = 0;
            int bestPriority = Integer.MIN_VALUE;
            for (int i = 0; i < bound; i++) {
                int p = priority(ready.get(i));
                if (p > bestPriority) {
                    bestPriority = p;
                    best = i;
                }
            }
            for (int j = 0; j < changePoints.length; j++) {
                if (changePoints[j] == step) {
                    priorities.put(ready.get(best), j + 1); // below every initial priority
                }
            }
            return best;
        }

        @Override
        public String toString() {
            return "pct(" + seed + ", depth " + depth + ")";
        }
    }
}
