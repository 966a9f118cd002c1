package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.gather;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.spawn;

import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An interface-based design, written the way Java is written: a {@link Fetcher} interface whose
 * {@code fetch} is a {@code @Coroutine} method, two implementations (a simulated network backend
 * and a cache that wraps any other fetcher), private fields and helpers everywhere, and a crawler
 * that only knows the interface. A call {@code fetcher.fetch(url)} inside a coroutine runs the
 * override of the receiver's class, inline, as any coroutine call.
 */
public final class Fetchers {
    private Fetchers() {
    }

    /** Fetches a page; implementations decide how. */
    interface Fetcher {
        @Coroutine
        String fetch(String url);

        /** A default body, which implementations may override. */
        @Coroutine
        default String describe() {
            return getClass().getSimpleName();
        }
    }

    /** A backend that takes 100 ms per page, 300 ms for pages under /slow. */
    static final class Backend implements Fetcher {
        private int requests;

        @Coroutine
        public String fetch(String url) {
            requests++;
            await(sleep(latency(url)));
            return "<" + url + ">";
        }

        private static Duration latency(String url) {
            return Duration.ofMillis(url.startsWith("/slow") ? 300 : 100);
        }
    }

    /** A cache in front of another fetcher: a page is fetched once, then answered at once. */
    static final class Cache implements Fetcher {
        private final Map<String, String> pages = new HashMap<>();
        private final Fetcher inner;
        private int hits;

        private Cache(Fetcher inner) {
            this.inner = inner;
        }

        static Cache of(Fetcher inner) {
            return new Cache(inner);
        }

        @Coroutine
        public String fetch(String url) {
            String page = pages.get(url);
            if (page != null) {
                hits++;
                return page;
            }
            page = inner.fetch(url); // the inner fetcher's own override runs here
            pages.put(url, page);
            return page;
        }

        @Coroutine
        @Override
        public String describe() {
            return "Cache(" + inner.describe() + ")";
        }
    }

    /** Fetches every url with {@code fetcher}, one after the other, and reports the time each took. */
    @Coroutine
    static List<String> crawl(Fetcher fetcher, List<String> urls) {
        List<String> report = new ArrayList<>();
        for (String url : urls) {
            double start = EventLoop.current().time();
            String page = fetcher.fetch(url);
            report.add(String.format(Locale.ROOT, "%s %s in %.1f s", fetcher.describe(), page,
                    EventLoop.current().time() - start));
        }
        return report;
    }

    /** Crawls the same urls through a backend and through a cache, concurrently. */
    @Coroutine
    static String main() {
        Backend backend = new Backend();
        Cache cache = Cache.of(new Backend());
        List<String> urls = Arrays.asList("/a", "/slow/b", "/a", "/slow/b");
        Task<List<String>> direct = spawn(FetchersCoroutines.crawl(backend, urls));
        Task<List<String>> cached = spawn(FetchersCoroutines.crawl(cache, urls));
        List<List<String>> reports = await(gather(Arrays.asList(direct, cached)));
        for (List<String> report : reports) {
            report.forEach(System.out::println);
        }
        return "backend requests: " + backend.requests + ", cache hits: " + cache.hits + ", done at "
                + String.format(Locale.ROOT, "%.1f s", EventLoop.current().time());
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            System.out.println(loop.runUntilComplete(FetchersCoroutines.main()));
        }
    }
}
