package dev.weft.examples;

import static dev.weft.Weft.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example HTTP server on a real socket, its loop in a thread of its own, against plain blocking clients. */
class HttpServerTest {
    private EventLoop loop;
    private Thread thread;
    private Server server;

    @Coroutine
    static void serveUntilClosed(HttpServer http, CompletableFuture<Server> started) {
        Server s = HttpServer.start(http, "127.0.0.1", 0);
        started.complete(s);
        await(s.closed());
    }

    @BeforeEach
    void start() throws Exception {
        loop = new EventLoop();
        CompletableFuture<Server> started = new CompletableFuture<>();
        HttpServer http = new HttpServer(Duration.ofMillis(300));
        thread = new Thread(() -> loop.runUntilComplete(HttpServerTestCoroutines.serveUntilClosed(http, started)), "http-server-loop");
        thread.start();
        server = started.get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        loop.callSoonThreadsafe(() -> {
            server.close();
            server.closeClients();
        });
        thread.join(10_000);
        loop.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** Sends {@code request} and reads one response (Content-Length bodies), or what came before the end. */
    private static String exchange(Socket s, String request) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readResponse(s.getInputStream());
    }

    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String h = head.toString("US-ASCII");
            if (h.endsWith("\r\n\r\n")) {
                int i = h.indexOf("Content-Length: ");
                int length = i < 0 ? 0 : Integer.parseInt(h.substring(i + 16, h.indexOf("\r\n", i)));
                byte[] body = new byte[length];
                int n = 0;
                while (n < length) {
                    int r = in.read(body, n, length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
                return h + new String(body, 0, n, StandardCharsets.UTF_8);
            }
        }
        return head.toString("US-ASCII") + "<end of stream>";
    }

    @Test
    void servesRequestsOnOneKeepAliveConnection() throws IOException {
        try (Socket s = connect()) {
            assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!",
                    exchange(s, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertEquals("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 5\r\n\r\nbytes",
                    exchange(s, "POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nbytes"));
            assertTrue(exchange(s, "GET /delay?ms=20 HTTP/1.1\r\n\r\n").endsWith("waited 20 ms\n"));
            assertTrue(exchange(s, "GET /nowhere HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404 Not Found\r\n"));
            assertTrue(exchange(s, "DELETE /echo HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 405 Method Not Allowed\r\n"));
            String last = exchange(s, "GET /plaintext HTTP/1.1\r\nConnection: close\r\n\r\n");
            assertTrue(last.contains("Connection: close\r\n"), last);
            assertEquals(-1, s.getInputStream().read(), "closed after Connection: close");
        }
    }

    @Test
    void badInputGetsHttpsAnswersAndTheConnectionIsClosed() throws IOException {
        try (Socket s = connect()) {
            String r = exchange(s, "HELLO\r\n\r\n");
            assertTrue(r.startsWith("HTTP/1.1 400 Bad Request\r\n") && r.contains("Connection: close"), r);
            assertEquals(-1, s.getInputStream().read());
        }
        try (Socket s = connect()) {
            StringBuilder big = new StringBuilder("GET / HTTP/1.1\r\n");
            for (int i = 0; i < 200; i++) {
                big.append("X-").append(i).append(": ").append("y".repeat(60)).append("\r\n");
            }
            assertTrue(exchange(s, big + "\r\n").startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        }
        try (Socket s = connect()) {
            assertTrue(exchange(s, "GET / HTTP/1.1\r\nbad header\r\n\r\n").startsWith("HTTP/1.1 400 Bad Request\r\n"));
        }
        try (Socket s = connect()) {
            assertTrue(exchange(s, "GET /" + "a".repeat(70_000) + " HTTP/1.1\r\n\r\n")
                    .startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        }
    }

    @Test
    void aClientThatSendsItsHeadTooSlowlyIsClosedAfterTheHeaderTimeout() throws IOException {
        try (Socket s = connect()) {
            long start = System.nanoTime();
            s.getOutputStream().write("GET / HT".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertEquals(-1, s.getInputStream().read(), "closed without a response");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 250 && ms < 5_000, ms + " ms");
        }
        try (Socket s = connect()) {
            assertTrue(stats(s).contains("timed out 1"), stats(s));
        }
    }

    @Test
    void aClientThatDisconnectsMidRequestEndsItsTaskOnly() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("POST /echo HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly some".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        }
        try (Socket s = connect()) {
            String stats = stats(s);
            for (int i = 0; i < 100 && !stats.contains("disconnected 1"); i++) {
                stats = stats(s);
            }
            assertTrue(stats.contains("open 1,") && stats.contains("disconnected 1"), stats);
        }
    }

    private static String stats(Socket s) throws IOException {
        return exchange(s, "GET /stats HTTP/1.1\r\n\r\n");
    }

    /**
     * Thousands of connections, good and bad, opened and closed: afterwards the process holds as
     * many file descriptors as before, and its heap is back where it was.
     */
    @Test
    void aSoakOfGoodAndBadClientsLeavesNoFileDescriptorsOrHeapBehind() throws IOException {
        probe();
        long filesBefore = SocketStreamsTest.openFiles();
        long heapBefore = usedHeapAfterGc();
        String[] requests = {
            "GET /plaintext HTTP/1.1\r\n\r\nGET /plaintext HTTP/1.1\r\nConnection: close\r\n\r\n",
            "HELLO\r\n\r\n",
            "POST /echo HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody",
            "POST /echo HTTP/1.1\r\nContent-Length: 100\r\n\r\npart",
        };
        for (int round = 0; round < 500; round++) {
            Socket[] batch = new Socket[requests.length];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = connect();
                batch[i].getOutputStream().write(requests[i].getBytes(StandardCharsets.US_ASCII));
            }
            readResponse(batch[0].getInputStream());
            readResponse(batch[0].getInputStream());
            readResponse(batch[1].getInputStream());
            readResponse(batch[2].getInputStream());
            for (Socket s : batch) {
                s.close();
            }
        }
        String stats = probe();
        for (int i = 0; i < 500 && (!stats.contains("open 1,") || SocketStreamsTest.openFiles() > filesBefore); i++) {
            stats = probe(); // each request lets the loop run: the last closes come through
        }
        assertTrue(stats.contains("open 1,"), stats);
        // The baseline may still count the first probe's server side, closed since.
        long filesAfter = SocketStreamsTest.openFiles();
        assertTrue(filesAfter <= filesBefore, "file descriptors: " + filesBefore + " before 2,000 connections, " + filesAfter + " after");
        long heapAfter = usedHeapAfterGc();
        assertTrue(heapAfter < heapBefore + 16 * 1024 * 1024, "heap " + heapBefore + " -> " + heapAfter);
    }

    /** The server's stats over a connection of their own, closed before this returns. */
    private String probe() throws IOException {
        try (Socket s = connect()) {
            return stats(s);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
