package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.spawn;

import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Server;
import dev.weft.Streams;
import dev.weft.Task;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code http-server} example's clients on the simulated network: well-behaved ones, and the
 * ones a server meets on the internet (a malformed request, a huge header, a client that sends
 * one byte per second, one that disconnects mid-request).
 */
final class HttpDemo {
    private HttpDemo() {
    }

    private static void say(String what) {
        System.out.println(String.format(Locale.ROOT, "%7.3f s  %s", EventLoop.current().time(), what));
    }

    /** Sends {@code request} as it is and returns the first line of what comes back before the end. */
    @Coroutine
    static String raw(String request) {
        Connection c = await(Streams.openConnection("web", 80));
        c.writer().write(request);
        byte[] all = await(c.reader().read(-1));
        c.writer().close();
        String text = new String(all, StandardCharsets.UTF_8);
        return text.isEmpty() ? "(closed with no response)" : text.substring(0, text.indexOf('\r'));
    }

    @Coroutine
    static void slowClient() {
        Connection c = await(Streams.openConnection("web", 80));
        String request = "GET / HTTP/1.1\r\nHost: web\r\n\r\n";
        int sent = 0;
        while (!c.reader().atEof() && sent < request.length()) {
            c.writer().write(request.substring(sent, sent + 1));
            sent++;
            await(sleep(1000));
        }
        byte[] rest = await(c.reader().read(-1));
        say("slow client: the server closed the connection after " + sent + " bytes, " + rest.length + " bytes of response");
        c.writer().close();
    }

    @Coroutine
    static void subscriber(Connection c) {
        HttpClient.Response r = HttpClient.get(c, "/next");
        say("GET /next           -> " + r.status + " " + r.text().trim());
    }

    @Coroutine
    static void serverDemo() {
        HttpServer http = new HttpServer(Duration.ofSeconds(2));
        Server server = HttpServer.start(http, "web", 80);
        say("listening on web:80 (simulated network, header timeout 2 s)");

        Connection a = await(Streams.openConnection("web", 80));
        Connection b = await(Streams.openConnection("web", 80));
        HttpClient.Response r = HttpClient.get(a, "/");
        say("GET /               -> " + r.status + " " + r.text().trim());

        Task<Void> waiting = spawn(HttpDemoCoroutines.subscriber(b));
        await(sleep(100));
        r = HttpClient.request(a, "POST", "/publish", "the first news".getBytes(StandardCharsets.UTF_8));
        say("POST /publish       -> " + r.status + " " + r.text().trim());
        await(waiting);

        r = HttpClient.get(a, "/delay?ms=250");
        say("GET /delay?ms=250   -> " + r.status + " " + r.text().trim() + " (keep-alive: same connection)");
        a.writer().close();
        b.writer().close();

        say("malformed request   -> " + raw("HELLO WORLD\r\n\r\n"));
        StringBuilder big = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 100; i++) {
            big.append("X-Padding-").append(i).append(": ").append("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789").append("\r\n");
        }
        say("10 KiB of headers   -> " + raw(big.append("\r\n").toString()));
        say("a body too large    -> " + raw("POST /echo HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n"));
        say("chunked body        -> " + raw("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
        say("Connection: close   -> " + raw("GET /plaintext HTTP/1.1\r\nConnection: close\r\n\r\n"));

        Connection d = await(Streams.openConnection("web", 80));
        d.writer().write("POST /echo HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part of the bo");
        await(sleep(50));
        d.writer().abort();
        say("a client disconnected mid-request");

        slowClient();
        await(sleep(100));
        say("stats: " + http.stats());
        server.close();
        await(server.closed());
        say("server closed, every connection task ended");
    }
}
