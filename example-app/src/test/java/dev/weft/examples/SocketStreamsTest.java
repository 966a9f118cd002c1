package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.spawn;
import static dev.weft.Weft.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CancelledException;
import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.Event;
import dev.weft.EventLoop;
import dev.weft.IncompleteReadException;
import dev.weft.LimitOverrunException;
import dev.weft.Server;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import dev.weft.Streams;
import dev.weft.Task;
import dev.weft.TimedOutException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Streams over real loopback sockets: reads, writes, half-close, resets, limits, cancellation and timeouts. */
class SocketStreamsTest {
    private static final Duration SHORT = Duration.ofMillis(100);

    @Coroutine
    static Server echoServer() {
        return echoServerOn("127.0.0.1");
    }

    @Coroutine
    static Server echoServerOn(String host) {
        return await(Streams.startServer((r, w) -> EchoCoroutines.echo(r, w), host, 0));
    }

    @Coroutine
    static List<String> echoRoundTrip() {
        Server server = echoServer();
        Connection c = await(Streams.openConnection("127.0.0.1", server.port()));
        List<String> got = new ArrayList<>();
        c.writer().write("one\ntwo\n");
        got.add(await(c.reader().readLine()));
        got.add(await(c.reader().readLine()));
        got.add(c.remoteAddress().getPort() == server.port() ? "remote is the server" : "remote " + c.remoteAddress());
        got.add(c.localAddress().getAddress().isLoopbackAddress() ? "local is loopback" : "local " + c.localAddress());
        c.writer().shutdownOutput();
        got.add(String.valueOf(await(c.reader().readLine()))); // the handler ended: the server closed its side
        got.add("at eof " + c.reader().atEof());
        c.writer().close();
        await(c.writer().closed());
        server.close();
        await(server.closed());
        got.add("serving " + server.isServing());
        return got;
    }

    @Test
    void echoesLinesAndClosesInOrder() {
        assertEquals(Arrays.asList("one", "two", "remote is the server", "local is loopback", "null", "at eof true",
                "serving false"), EventLoop.run(SocketStreamsTestCoroutines.echoRoundTrip()));
    }

    /** Reads until the client half-closes, then answers. */
    @Coroutine
    static void countThenAnswer(StreamReader r, StreamWriter w) {
        byte[] all = await(r.read(-1));
        w.write("got " + all.length + " bytes\n");
    }

    @Coroutine
    static List<String> halfClose() {
        Server server = await(Streams.startServer((r, w) -> SocketStreamsTestCoroutines.countThenAnswer(r, w), "127.0.0.1", 0));
        Connection c = await(Streams.openConnection("localhost", server.port()));
        c.writer().write(new byte[100_000]);
        c.writer().shutdownOutput();
        List<String> got = new ArrayList<>();
        got.add(await(c.reader().readLine()));
        got.add(String.valueOf(await(c.reader().readLine())));
        try {
            c.writer().write("too late");
        } catch (IllegalStateException e) {
            got.add(e.getMessage());
        }
        c.writer().close();
        server.close();
        await(server.closed());
        return got;
    }

    @Test
    void halfCloseLetsThePeerAnswerAfterTheEndOfTheStream() {
        assertEquals(Arrays.asList("got 100000 bytes", "null", "write after shutdownOutput()"),
                EventLoop.run(SocketStreamsTestCoroutines.halfClose()));
    }

    @Coroutine
    static void abortAfterALine(StreamReader r, StreamWriter w) {
        await(r.readLine());
        w.abort();
    }

    @Coroutine
    static List<String> reset() {
        Server server = await(Streams.startServer((r, w) -> SocketStreamsTestCoroutines.abortAfterALine(r, w), "127.0.0.1", 0));
        Connection c = await(Streams.openConnection("127.0.0.1", server.port()));
        c.writer().write("hello\n");
        List<String> got = new ArrayList<>();
        try {
            await(c.reader().readLine());
            got.add("no failure");
        } catch (UncheckedIOException e) {
            got.add("read: " + e.getCause().getClass().getSimpleName());
        }
        try {
            await(c.reader().read(10));
            got.add("no failure");
        } catch (UncheckedIOException e) {
            got.add("again: " + e.getCause().getClass().getSimpleName());
        }
        try {
            c.writer().write("x");
            got.add("no failure");
        } catch (UncheckedIOException e) {
            got.add("write: " + e.getCause().getClass().getSimpleName());
        }
        await(c.writer().closed());
        got.add("closed " + c.writer().isClosing());
        server.close();
        await(server.closed());
        return got;
    }

    @Test
    void aResetFailsTheWaitingReadAndEveryLaterOperation() {
        assertEquals(Arrays.asList("read: SocketException", "again: SocketException", "write: SocketException", "closed true"),
                EventLoop.run(SocketStreamsTestCoroutines.reset()));
    }

    /** Writes {@code text}, then ends the connection. */
    @Coroutine
    static void sendAndClose(StreamReader r, StreamWriter w, byte[] text) {
        w.write(text);
    }

    @Coroutine
    static Connection connectToSender(byte[] text) {
        Server server = await(Streams.startServer((r, w) -> SocketStreamsTestCoroutines.sendAndClose(r, w, text), "127.0.0.1", 0));
        Connection c = await(Streams.openConnection("127.0.0.1", server.port()));
        server.close();
        return c;
    }

    @Coroutine
    static List<String> reads() {
        Connection c = connectToSender("abcdefgh|tail".getBytes(StandardCharsets.US_ASCII));
        List<String> got = new ArrayList<>();
        got.add(new String(await(c.reader().readExactly(3)), StandardCharsets.US_ASCII));
        got.add(new String(await(c.reader().readUntil("|".getBytes(StandardCharsets.US_ASCII))), StandardCharsets.US_ASCII));
        got.add(new String(await(c.reader().read(2)), StandardCharsets.US_ASCII));
        try {
            await(c.reader().readExactly(10));
        } catch (IncompleteReadException e) {
            got.add("incomplete: " + new String(e.partial(), StandardCharsets.US_ASCII) + " of " + e.expected());
        }
        got.add("read at eof: " + await(c.reader().read(5)).length + " bytes, at eof " + c.reader().atEof());
        c.writer().close();
        return got;
    }

    @Test
    void readsTakeWhatTheyAskForAndTheEndOfTheStreamCarriesThePartialBytes() {
        assertEquals(Arrays.asList("abc", "defgh|", "ta", "incomplete: il of 10", "read at eof: 0 bytes, at eof true"),
                EventLoop.run(SocketStreamsTestCoroutines.reads()));
    }

    @Coroutine
    static List<String> limits() {
        byte[] longLine = new byte[70_000];
        Arrays.fill(longLine, (byte) 'x');
        longLine[longLine.length - 1] = '\n';
        byte[] text = new byte[longLine.length + 5];
        System.arraycopy(longLine, 0, text, 0, longLine.length);
        System.arraycopy("next\n".getBytes(StandardCharsets.US_ASCII), 0, text, longLine.length, 5);
        Connection c = connectToSender(text);
        await(sleep(50)); // let everything arrive
        List<String> got = new ArrayList<>();
        try {
            await(c.reader().readUntil(new byte[] {'\n'}));
        } catch (LimitOverrunException e) {
            got.add("readUntil overrun, " + e.consumed() + " bytes, still buffered: " + c.reader().buffered());
        }
        try {
            await(c.reader().readLine());
        } catch (LimitOverrunException e) {
            got.add("readLine overrun, dropped " + e.consumed());
        }
        got.add(await(c.reader().readLine()));
        c.writer().close();
        return got;
    }

    @Test
    void aChunkOverTheLimitIsRefusedAndReadLineSkipsIt() {
        assertEquals(Arrays.asList("readUntil overrun, 70000 bytes, still buffered: 70005",
                "readLine overrun, dropped 70000", "next"), EventLoop.run(SocketStreamsTestCoroutines.limits()));
    }

    @Coroutine
    static void answerAfterGo(StreamReader r, StreamWriter w) {
        String line = await(r.readLine());
        w.write("late answer to " + line + "\n");
        await(r.readLine());
    }

    @Coroutine
    static List<String> readTimeoutKeepsTheConnection() {
        Server server = await(Streams.startServer((r, w) -> SocketStreamsTestCoroutines.answerAfterGo(r, w), "127.0.0.1", 0));
        Connection c = await(Streams.openConnection("127.0.0.1", server.port()));
        List<String> got = new ArrayList<>();
        try {
            await(waitFor(c.reader().readLine(), SHORT));
        } catch (TimedOutException e) {
            got.add("timed out");
        }
        Task<String> reading = spawn(SocketStreamsTestCoroutines.readOneLine(c.reader()));
        await(sleep(20));
        reading.cancel();
        try {
            await(reading);
        } catch (CancelledException e) {
            got.add("cancelled");
        }
        c.writer().write("go\n");
        got.add(await(c.reader().readLine()));
        c.writer().close();
        server.close();
        await(server.closed());
        return got;
    }

    @Coroutine
    static String readOneLine(StreamReader r) {
        return await(r.readLine());
    }

    @Test
    void aTimedOutOrCancelledReadLeavesTheConnectionUsable() {
        assertEquals(Arrays.asList("timed out", "cancelled", "late answer to go"),
                EventLoop.run(SocketStreamsTestCoroutines.readTimeoutKeepsTheConnection()));
    }

    @Coroutine
    static List<String> acceptTimeout() {
        Server server = await(Streams.listen("127.0.0.1", 0));
        List<String> got = new ArrayList<>();
        try {
            await(waitFor(server.accept(), SHORT));
        } catch (TimedOutException e) {
            got.add("accept timed out");
        }
        Task<Connection> client = spawn(SocketStreamsTestCoroutines.connect(server.port()));
        Connection in = await(server.accept());
        in.writer().write("welcome\n");
        Connection out = await(client);
        got.add(await(out.reader().readLine()));
        server.close();
        try {
            await(server.accept());
        } catch (UncheckedIOException e) {
            got.add(e.getMessage());
        }
        in.writer().close();
        out.writer().close();
        return got;
    }

    @Coroutine
    static Connection connect(int port) {
        return await(Streams.openConnection("127.0.0.1", port));
    }

    @Test
    void aTimedOutAcceptLeavesTheServerListening() {
        assertEquals(Arrays.asList("accept timed out", "welcome", "the server is closed"),
                EventLoop.run(SocketStreamsTestCoroutines.acceptTimeout()));
    }

    /** Reads nothing until {@code go} is set, then everything. */
    @Coroutine
    static void slowReader(StreamReader r, StreamWriter w, Event go) {
        await(go);
        byte[] all = await(r.read(-1));
        w.write(all.length + "\n");
    }

    @Coroutine
    static List<String> backpressure() {
        Event go = new Event();
        Server server = await(Streams.startServer((r, w) -> SocketStreamsTestCoroutines.slowReader(r, w, go), "127.0.0.1", 0));
        Connection c = await(Streams.openConnection("127.0.0.1", server.port()));
        byte[] mb = new byte[1 << 20];
        for (int i = 0; i < 48; i++) {
            c.writer().write(mb);
        }
        List<String> got = new ArrayList<>();
        try {
            await(waitFor(c.writer().drain(), SHORT));
        } catch (TimedOutException e) {
            got.add("drain waits while the peer does not read: " + (c.writer().buffered() > StreamWriter.HIGH_WATER));
        }
        go.set();
        await(c.writer().drain());
        got.add("drained to " + (c.writer().buffered() <= StreamWriter.LOW_WATER ? "the low-water mark" : c.writer().buffered()));
        c.writer().shutdownOutput();
        got.add(await(c.reader().readLine()));
        c.writer().close();
        server.close();
        await(server.closed());
        return got;
    }

    @Test
    void drainWaitsForThePeerAndATimeoutLeavesTheBytesToBeSent() {
        assertEquals(Arrays.asList("drain waits while the peer does not read: true", "drained to the low-water mark",
                String.valueOf(48 << 20)), EventLoop.run(SocketStreamsTestCoroutines.backpressure()));
    }

    @Coroutine
    static String refused(int port) {
        try {
            await(Streams.openConnection("127.0.0.1", port));
            return "connected";
        } catch (UncheckedIOException e) {
            return e.getCause().getClass().getSimpleName();
        }
    }

    @Test
    void aConnectionToAClosedPortIsRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals("ConnectException", EventLoop.run(SocketStreamsTestCoroutines.refused(port)));
    }

    @Coroutine
    static String connectTimeout(int port) {
        try {
            await(Streams.openConnection("127.0.0.1", port, Duration.ofMillis(200)));
            return "connected";
        } catch (TimedOutException e) {
            return e.getMessage();
        }
    }

    @Coroutine
    static String cancelConnect(int port) {
        Task<Connection> connecting = spawn(SocketStreamsTestCoroutines.connect(port));
        await(sleep(50));
        connecting.cancel();
        try {
            await(connecting);
            return "connected";
        } catch (CancelledException e) {
            return "cancelled";
        }
    }

    /** A server whose accept queue is full: the next connection attempt gets no answer. */
    @Test
    void aConnectTimeoutOrCancellationClosesTheSocketBeingConnected() throws IOException {
        try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                boolean filled = false;
                for (int i = 0; i < 20 && !filled; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(full.getInetAddress(), full.getLocalPort()), 300);
                        queued.add(s);
                    } catch (SocketTimeoutException e) {
                        s.close();
                        filled = true;
                    }
                }
                assertTrue(filled, "the accept queue never filled");
                long before = openFiles();
                assertEquals("connecting to 127.0.0.1:" + full.getLocalPort() + " timed out after 200 ms",
                        EventLoop.run(SocketStreamsTestCoroutines.connectTimeout(full.getLocalPort())));
                assertEquals("cancelled", EventLoop.run(SocketStreamsTestCoroutines.cancelConnect(full.getLocalPort())));
                assertEquals(before, openFiles(), "the sockets being connected were closed");
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Coroutine
    static String waitForAPeerThread(int port) {
        Connection c = await(Streams.openConnection("127.0.0.1", port));
        String line = await(c.reader().readLine()); // nothing else is pending: no timer, no task
        c.writer().close();
        return line;
    }

    @Test
    void aTaskWaitingOnASocketIsNotADeadlock() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            CountDownLatch never = new CountDownLatch(1);
            Thread peer = new Thread(() -> {
                try (Socket s = server.accept()) {
                    never.await(200, TimeUnit.MILLISECONDS); // the loop waits meanwhile, with nothing else to do
                    OutputStream out = s.getOutputStream();
                    out.write("from a plain thread\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.getInputStream().read();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            peer.start();
            assertEquals("from a plain thread", EventLoop.run(SocketStreamsTestCoroutines.waitForAPeerThread(server.getLocalPort())));
            peer.join(10_000);
        }
    }

    @Coroutine
    static String hostName(String name, int port) {
        Connection c = await(Streams.openConnection(name, port)); // a name: looked up off the loop
        c.writer().write("name\n");
        String line = await(c.reader().readLine());
        c.writer().close();
        return line;
    }

    @Test
    void aHostNameIsLookedUpOffTheLoop() throws IOException {
        String name = java.net.InetAddress.getLocalHost().getHostName();
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(SocketStreamsTestCoroutines.echoServerOn(null)); // every address
            assertEquals("name", loop.runUntilComplete(SocketStreamsTestCoroutines.hostName(name, server.port())));
            server.close();
        }
    }

    @Test
    void aConnectionFailureIsAnUncheckedIOException() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> EventLoop.run(SocketStreamsTestCoroutines.connect(1)));
        assertInstanceOf(ConnectException.class, e.getCause());
    }

    /** The number of file descriptors this process holds (Linux). */
    static long openFiles() {
        try (Stream<java.nio.file.Path> fds = Files.list(Paths.get("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
