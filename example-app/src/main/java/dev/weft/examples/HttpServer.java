package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.timeout;

import dev.weft.AsyncQueue;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.LimitOverrunException;
import dev.weft.Server;
import dev.weft.SimulatedNetwork;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import dev.weft.Streams;
import dev.weft.TimedOutException;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/1.1 server written as sequential coroutine code: one task per connection reads
 * requests one after the other (keep-alive), each with {@code Content-Length} bodies, and answers
 * from a few routes, two of which wait: {@code /delay?ms=N} on a timer, {@code /next} on a queue
 * that {@code POST /publish} feeds. Bad input gets HTTP's answers: a malformed request line or
 * header 400, a head over 8 KiB 431, a body over 1 MiB 413, a transfer coding 501; a client that
 * sends its head too slowly is closed after the header timeout; one that disconnects mid-request
 * just ends its task. Nothing leaks: the connection closes when its task ends.
 *
 * <p>Without arguments the example runs the server and a set of well- and ill-behaved clients on a
 * {@link SimulatedNetwork}, on virtual time (the same code as over sockets). With
 * {@code --port N} it listens on a real socket until killed:
 * {@code java -jar weft-examples.jar http-server --port 8080 [--host 127.0.0.1] [--header-timeout-ms 10000]}.
 */
public final class HttpServer {
    static final int MAX_HEAD_BYTES = 8 * 1024;
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    /** The benchmark's response, built once. */
    private static final byte[] PLAINTEXT = response(200, "OK", "text/plain", HELLO, true);

    private final Duration headerTimeout;
    private final AsyncQueue<String> news = new AsyncQueue<>();
    private long open;
    private long served;
    private long rejected;
    private long timedOut;
    private long disconnected;

    HttpServer(Duration headerTimeout) {
        this.headerTimeout = headerTimeout;
    }

    /** Serves one connection: requests in sequence until the client or a response closes it. */
    @Coroutine
    void serve(StreamReader reader, StreamWriter writer) {
        open++;
        try {
            serveRequests(reader, writer);
        } finally {
            open--;
        }
    }

    @Coroutine
    private void serveRequests(StreamReader reader, StreamWriter writer) {
        boolean keepAlive = true;
        while (keepAlive) {
            HttpRequest request;
            try {
                request = await(timeout(headerTimeout, HttpServerCoroutines.readRequest(reader)));
            } catch (TimedOutException e) {
                timedOut++;
                return;
            } catch (HttpRequest.Rejected e) {
                rejected++;
                writer.write(response(e.status, reason(e.status), "text/plain",
                        (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8), false));
                return;
            } catch (LimitOverrunException e) {
                rejected++;
                writer.write(response(431, reason(431), "text/plain", "line too long\n".getBytes(StandardCharsets.UTF_8), false));
                return;
            } catch (UncheckedIOException e) {
                disconnected++; // reset, or the end of the stream in the middle of a request
                return;
            }
            if (request == null) {
                return; // the client closed between requests
            }
            keepAlive = request.keepAlive();
            writer.write(route(request, keepAlive));
            served++;
            await(writer.drain());
        }
    }

    /** Reads a request's head and body; {@code null} if the stream ends before one begins. */
    @Coroutine
    static HttpRequest readRequest(StreamReader reader) {
        String requestLine = await(reader.readLine());
        if (requestLine == null) {
            return null;
        }
        int headBytes = requestLine.length() + 2;
        List<String> lines = new ArrayList<>();
        String line = await(reader.readLine());
        while (line == null || !line.isEmpty()) {
            if (line == null) {
                throw new UncheckedIOException("the client closed the connection mid-request",
                        new EOFException());
            }
            headBytes += line.length() + 2;
            if (headBytes > MAX_HEAD_BYTES) {
                throw new HttpRequest.Rejected(431, "request header fields over " + MAX_HEAD_BYTES + " bytes");
            }
            lines.add(line);
            line = await(reader.readLine());
        }
        HttpRequest request = HttpRequest.parse(requestLine, lines);
        int length = request.contentLength(MAX_BODY_BYTES);
        if (length > 0) {
            request.body = await(reader.readExactly(length));
        }
        return request;
    }

    /** The response to a request; some routes wait. */
    @Coroutine
    byte[] route(HttpRequest request, boolean keepAlive) {
        String path = request.path();
        boolean get = request.method.equals("GET");
        if (path.equals("/plaintext") && get) {
            return keepAlive ? PLAINTEXT : response(200, "OK", "text/plain", HELLO, false);
        }
        if (path.equals("/") && get) {
            return text(200, "Weft HTTP example: /plaintext /delay?ms=N /next /stats, POST /publish /echo\n", keepAlive);
        }
        if (path.equals("/delay") && get) {
            int ms;
            try {
                ms = Math.max(0, Math.min(10_000, Integer.parseInt(request.query("ms", "100"))));
            } catch (NumberFormatException e) {
                return text(400, "ms must be a number\n", keepAlive);
            }
            await(sleep(ms));
            return text(200, "waited " + ms + " ms\n", keepAlive);
        }
        if (path.equals("/next") && get) {
            return text(200, await(news.get()) + "\n", keepAlive);
        }
        if (path.equals("/publish") && request.method.equals("POST")) {
            news.putNowait(new String(request.body, StandardCharsets.UTF_8));
            return text(200, "published\n", keepAlive);
        }
        if (path.equals("/echo") && request.method.equals("POST")) {
            return response(200, "OK", "application/octet-stream", request.body, keepAlive);
        }
        if (path.equals("/stats") && get) {
            return text(200, stats() + "\n", keepAlive);
        }
        if (path.equals("/") || path.equals("/plaintext") || path.equals("/delay") || path.equals("/next")
                || path.equals("/stats") || path.equals("/publish") || path.equals("/echo")) {
            return text(405, "method not allowed\n", keepAlive);
        }
        return text(404, "not found: " + path + "\n", keepAlive);
    }

    String stats() {
        return "open " + open + ", served " + served + ", rejected " + rejected + ", timed out " + timedOut
                + ", disconnected " + disconnected;
    }

    private static byte[] text(int status, String body, boolean keepAlive) {
        return response(status, reason(status), "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), keepAlive);
    }

    static byte[] response(int status, String reason, String type, byte[] body, boolean keepAlive) {
        byte[] head = ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.length + "\r\n" + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 413: return "Content Too Large";
            case 431: return "Request Header Fields Too Large";
            case 501: return "Not Implemented";
            default: return "Status " + status;
        }
    }

    /** Starts the server on the running loop's network. */
    @Coroutine
    static Server start(HttpServer http, String host, int port) {
        return await(Streams.startServer((r, w) -> HttpServerCoroutines.serve(http, r, w), host, port));
    }

    /**
     * Runs the simulated demo, or with {@code --port} a real server.
     *
     * @param args none, or {@code --port N [--host H] [--header-timeout-ms T]}
     */
    public static void main(String[] args) {
        Options o = new Options(args);
        if (o.has("--port")) {
            HttpServer http = new HttpServer(Duration.ofMillis(o.integer("--header-timeout-ms", 10_000)));
            EventLoop.run(ServeForeverCoroutines.serve((r, w) -> HttpServerCoroutines.serve(http, r, w),
                    o.string("--host", "127.0.0.1"), o.integer("--port", 8080)));
            return;
        }
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            loop.useNetwork(new SimulatedNetwork(7).latency(Duration.ofMillis(1), Duration.ofMillis(3)));
            loop.runUntilComplete(HttpDemoCoroutines.serverDemo());
        }
    }
}
