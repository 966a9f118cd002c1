package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.gather;
import static dev.weft.Weft.spawn;

import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.SimulatedNetwork;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import dev.weft.Streams;
import dev.weft.Task;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.1 client as sequential coroutine code: {@code get} writes a request on a keep-alive
 * connection and reads the response ({@code Content-Length} bodies); {@code fetchAll} fetches a
 * list of paths over several connections at once.
 *
 * <p>Without arguments it fetches from the example's {@link HttpServer} on a
 * {@link SimulatedNetwork}, on virtual time, and prints the responses in the order they arrive.
 * With {@code --port N [--host H] [--connections C] [--rounds R]} it fetches from a real server
 * and prints how many responses of each status came back.
 */
public final class HttpClient {
    private HttpClient() {
    }

    /** A response: status, headers (names in lower case), body. */
    static final class Response {
        final int status;
        final Map<String, String> headers;
        final byte[] body;

        Response(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends a request on {@code c} and reads its response. */
    @Coroutine
    static Response request(Connection c, String method, String path, byte[] body) {
        StreamWriter w = c.writer();
        w.write(method + " " + path + " HTTP/1.1\r\nHost: weft\r\n"
                + (body != null ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n");
        if (body != null) {
            w.write(body);
        }
        await(w.drain());
        return readResponse(c.reader());
    }

    @Coroutine
    static Response get(Connection c, String path) {
        return request(c, "GET", path, null);
    }

    @Coroutine
    static Response readResponse(StreamReader r) {
        String statusLine = await(r.readLine());
        if (statusLine == null) {
            throw new UncheckedIOException("the server closed the connection before responding", new EOFException());
        }
        String[] parts = statusLine.split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        String line = await(r.readLine());
        while (line != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            line = await(r.readLine());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Response(Integer.parseInt(parts[1]), headers, await(r.readExactly(length)));
    }

    /** One connection's share of {@code fetchAll}: every {@code stride}-th path from {@code first}. */
    @Coroutine
    static void fetchSome(String host, int port, List<String> paths, int first, int stride, List<String> log) {
        Connection c = await(Streams.openConnection(host, port, Duration.ofSeconds(10)));
        for (int i = first; i < paths.size(); i += stride) {
            Response r = get(c, paths.get(i));
            log.add(String.format(Locale.ROOT, "%7.3f s  connection %d  GET %-16s %d %s", EventLoop.current().time(),
                    first + 1, paths.get(i), r.status, r.text().trim()));
        }
        c.writer().close();
        await(c.writer().closed());
    }

    /** Fetches {@code paths} over {@code connections} keep-alive connections at once; one line per response. */
    @Coroutine
    static List<String> fetchAll(String host, int port, List<String> paths, int connections) {
        List<String> log = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            tasks.add(spawn(HttpClientCoroutines.fetchSome(host, port, paths, i, connections, log)));
        }
        await(gather(tasks));
        return log;
    }

    @Coroutine
    static List<String> simulatedDemo() {
        HttpServer.start(new HttpServer(Duration.ofSeconds(10)), "web", 80);
        List<String> paths = new ArrayList<>();
        paths.add("/delay?ms=300");
        paths.add("/");
        paths.add("/plaintext");
        paths.add("/delay?ms=50");
        paths.add("/missing");
        paths.add("/stats");
        return fetchAll("web", 80, paths, 3);
    }

    /**
     * Fetches from the simulated server, or with {@code --port} from a real one.
     *
     * @param args none, or {@code --port N [--host H] [--connections C] [--rounds R]}
     */
    public static void main(String[] args) {
        Options o = new Options(args);
        if (o.has("--port")) {
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < o.integer("--rounds", 10); i++) {
                paths.add("/plaintext");
                paths.add("/delay?ms=20");
                paths.add("/");
            }
            List<String> log = EventLoop.run(HttpClientCoroutines.fetchAll(o.string("--host", "127.0.0.1"),
                    o.integer("--port", 8080), paths, o.integer("--connections", 8)));
            Map<String, Integer> byStatus = new TreeMap<>();
            for (String line : log) {
                String status = line.substring(42).trim().split(" ")[0];
                byStatus.merge(status, 1, Integer::sum);
            }
            System.out.println("fetched " + log.size() + " responses over " + o.integer("--connections", 8)
                    + " connections; by status: " + byStatus);
            return;
        }
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            loop.useNetwork(new SimulatedNetwork(11).latency(Duration.ofMillis(2), Duration.ofMillis(8)));
            for (String line : loop.runUntilComplete(HttpClientCoroutines.simulatedDemo())) {
                System.out.println(line);
            }
        }
    }
}
