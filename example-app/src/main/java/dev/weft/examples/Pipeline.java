package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.timeout;
import static dev.weft.Weft.waitFor;
import static dev.weft.Weft.waitTasks;

import dev.weft.AsyncQueue;
import dev.weft.CancelledException;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.QueueShutDownException;
import dev.weft.Task;
import dev.weft.TaskGroup;
import dev.weft.TimedOutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why Weft: a small crawler pipeline, written as plain sequential methods, that stays correct
 * under timeouts and cancellation.
 *
 * <pre>
 *   producer --[pages, capacity 2]--&gt; 3 fetchers --[documents, capacity 2]--&gt; indexer
 * </pre>
 *
 * <ul>
 *   <li><b>Backpressure</b>: both queues are bounded, so the producer and the fetchers wait
 *       ({@code await(queue.put(x))}) while the next stage is behind, instead of piling up work.
 *   <li><b>Timeouts</b>: each fetch gets {@link #FETCH_TIMEOUT}; {@code waitFor} cancels a fetch
 *       that takes longer, and the fetcher moves on to the next page.
 *   <li><b>Structured concurrency</b>: all stages run in one {@link TaskGroup}. Leaving the
 *       group waits for every task in it; if one failed, the others would be cancelled.
 *   <li><b>Cancellation</b>: a batch runs under a budget ({@code timeout(budget, ...)}). When the
 *       budget runs out, the whole group is cancelled: every task stops at the point where it
 *       waits, its {@code catch} and {@code finally} blocks run, and the batch reports what it
 *       finished.
 * </ul>
 *
 * The backend is simulated with sleeps of fixed lengths and the loop runs on virtual time: the
 * demo takes no real time, and its output (timestamps included) is the same on every run. With
 * {@code new EventLoop()} instead, the same code runs on the real clock.
 */
public final class Pipeline {
    static final int FETCHERS = 3;
    static final int QUEUE_CAPACITY = 2;
    static final Duration FETCH_TIMEOUT = Duration.ofMillis(300);
    static final Duration INDEX_TIME = Duration.ofMillis(40);
    /** How long the simulated backend takes to serve each page, in milliseconds; two pages hang. */
    static final long[] LATENCY_MILLIS = {120, 80, 450, 60, 200, 90, 700, 150, 40, 110, 260, 70};

    private Pipeline() {
    }

    /** What one batch did, and a log with timestamps relative to its start. */
    static final class Stats {
        final double startedAt = EventLoop.current().time();
        int fetched;
        int timedOut;
        int cancelled;
        int indexed;

        double elapsed() {
            return EventLoop.current().time() - startedAt;
        }

        void log(String format, Object... args) {
            System.out.println(String.format(Locale.ROOT, "  %5.2f s  ", elapsed())
                    + String.format(Locale.ROOT, format, args));
        }
    }

    /** Stands for a network call: returns the page once the backend has answered. */
    @Coroutine
    static String fetch(int page) {
        await(sleep(LATENCY_MILLIS[page - 1]));
        return "<html>page " + page + "</html>";
    }

    /** Queues every page; waits whenever the queue is full. */
    @Coroutine
    static void producer(AsyncQueue<Integer> pages) {
        for (int page = 1; page <= LATENCY_MILLIS.length; page++) {
            await(pages.put(page)); // backpressure: waits while the fetchers are behind
        }
        // No more pages: the fetchers take what is left, then their get() throws.
        pages.shutdown();
    }

    /** Fetches pages until there are none left, giving each one FETCH_TIMEOUT. */
    @Coroutine
    static void fetcher(String name, AsyncQueue<Integer> pages, AsyncQueue<String> documents,
            Stats stats) {
        while (true) {
            int page;
            try {
                page = await(pages.get());
            } catch (QueueShutDownException e) {
                return; // the producer is done and the queue is empty
            }
            try {
                // waitFor runs fetch inline and cancels it if it takes longer than the timeout.
                String document = await(waitFor(PipelineCoroutines.fetch(page), FETCH_TIMEOUT));
                stats.fetched++;
                stats.log("%s fetched page %d", name, page);
                await(documents.put(document)); // backpressure: waits while the indexer is behind
            } catch (TimedOutException e) {
                stats.timedOut++;
                stats.log("%s gave up on page %d after %d ms", name, page, FETCH_TIMEOUT.toMillis());
            } catch (CancelledException e) {
                stats.cancelled++;
                stats.log("%s cancelled while busy with page %d", name, page);
                throw e; // let the cancellation through: the task ends cancelled
            }
        }
    }

    /** Indexes documents until the fetchers are done and the queue is empty. */
    @Coroutine
    static void indexer(AsyncQueue<String> documents, Stats stats) {
        while (true) {
            try {
                await(documents.get());
            } catch (QueueShutDownException e) {
                return;
            }
            await(sleep(INDEX_TIME)); // (the document would be indexed here)
            stats.indexed++;
        }
    }

    /** Runs all stages in one task group and returns when all of them have finished. */
    @Coroutine
    static void runStages(Stats stats) {
        AsyncQueue<Integer> pages = new AsyncQueue<>(QUEUE_CAPACITY);
        AsyncQueue<String> documents = new AsyncQueue<>(QUEUE_CAPACITY);
        TaskGroup group = new TaskGroup();
        try {
            group.spawn(PipelineCoroutines.producer(pages));
            group.spawn(PipelineCoroutines.indexer(documents, stats));
            List<Task<Void>> fetchers = new ArrayList<>();
            for (int i = 1; i <= FETCHERS; i++) {
                fetchers.add(group.spawn(
                        PipelineCoroutines.fetcher("fetcher-" + i, pages, documents, stats)));
            }
            // Once every fetcher has stopped, no more documents will come: let the indexer finish.
            await(waitTasks(fetchers));
            documents.shutdown();
        } finally {
            // Leaving the group waits for all its tasks, and cancels them if one of them failed
            // or if this task is being cancelled.
            await(group.join());
        }
    }

    /** Runs one batch under a time budget and prints what it did. */
    @Coroutine
    static void batch(String title, Duration budget) {
        System.out.println(String.format(Locale.ROOT, "%s (budget %.2f s):", title,
                budget.toMillis() / 1000.0));
        Stats stats = new Stats();
        String outcome;
        try {
            await(timeout(budget, PipelineCoroutines.runStages(stats)));
            outcome = "all pages done";
        } catch (TimedOutException e) {
            outcome = "budget exceeded, pipeline cancelled";
        }
        System.out.println(String.format(Locale.ROOT,
                "  => %s after %.2f s: %d fetched, %d timed out, %d cancelled, %d indexed",
                outcome, stats.elapsed(), stats.fetched, stats.timedOut, stats.cancelled,
                stats.indexed));
    }

    @Coroutine
    static void main() {
        long sequentialMillis = 0;
        for (long latency : LATENCY_MILLIS) {
            sequentialMillis += Math.min(latency, FETCH_TIMEOUT.toMillis());
        }
        System.out.println(String.format(Locale.ROOT,
                "Crawler pipeline: %d pages, %d fetchers, queues of %d, fetch timeout %.2f s"
                        + " (one fetch at a time would take %.2f s)",
                LATENCY_MILLIS.length, FETCHERS, QUEUE_CAPACITY, FETCH_TIMEOUT.toMillis() / 1000.0,
                sequentialMillis / 1000.0));
        // A direct call of a @Coroutine method runs it inline, like a call of a suspend function.
        batch("Batch 1", Duration.ofSeconds(2));
        batch("Batch 2", Duration.ofMillis(500));
    }

    /**
     * Runs the demo on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            loop.runUntilComplete(PipelineCoroutines.main());
        }
    }
}
