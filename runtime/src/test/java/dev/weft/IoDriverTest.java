package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The loop's selector: only loops with sockets have one; its wake-up gate; its rebuild. */
class IoDriverTest {
    /** A connection handler that echoes one line. */
    private static CoroutineFrame<?> echoOneLine(StreamReader r, StreamWriter w) {
        return Script.of(x -> r.readLine(), x -> {
            w.write(x.value() + "\n");
            return x.done(null);
        });
    }

    /** Starts an echo server, rebuilds the selector (as after the JDK's spin) if asked, then echoes through it. */
    private static Script<String> echoThroughTheLoop(boolean spinFirst) {
        Server[] server = new Server[1];
        Connection[] c = new Connection[1];
        return Script.of(
                x -> Streams.startServer(IoDriverTest::echoOneLine, "127.0.0.1", 0),
                x -> {
                    server[0] = (Server) x.value();
                    if (spinFirst) {
                        IoDriver io = EventLoop.current().io();
                        for (int i = 0; i < IoDriver.REBUILD_THRESHOLD; i++) {
                            io.countEarlyReturn(true);
                        }
                        assertEquals(1, io.rebuilds());
                    }
                    return Streams.openConnection("127.0.0.1", server[0].port());
                },
                x -> {
                    c[0] = (Connection) x.value();
                    c[0].writer().write("through the selector".getBytes(StandardCharsets.UTF_8));
                    c[0].writer().write("\n");
                    return c[0].reader().readLine();
                },
                x -> {
                    String line = (String) x.value();
                    c[0].writer().close();
                    server[0].close();
                    return x.done(line);
                });
    }

    @Test
    void aRebuiltSelectorKeepsEveryRegistration() {
        assertEquals("through the selector", EventLoop.run(echoThroughTheLoop(true)));
    }

    @Test
    void earlyReturnsInterruptedByARealOneDoNotRebuild() {
        try (EventLoop loop = new EventLoop()) {
            IoDriver io = loop.io();
            for (int i = 0; i < 3 * IoDriver.REBUILD_THRESHOLD; i++) {
                io.countEarlyReturn(i % (IoDriver.REBUILD_THRESHOLD - 1) != 0);
            }
            assertEquals(0, io.rebuilds());
        }
    }

    @Test
    void aLoopWithoutSocketsHasNoSelector() {
        try (EventLoop loop = new EventLoop()) {
            ExpectedCall[] call = new ExpectedCall[1];
            loop.runUntilComplete(Script.of(x -> {
                call[0] = EventLoop.current().expectThreadsafeCall();
                new Thread(() -> call[0].call(() -> { })).start();
                return Weft.sleep(Duration.ofMillis(5));
            }, x -> x.done(null)));
            assertFalse(loop.hasIo());
        }
    }

    /**
     * A burst of callSoonThreadsafe calls from another thread while the loop waits in its selector:
     * at most one Selector.wakeup() per wait, however many callbacks come.
     */
    @Test
    void callSoonThreadsafeWakesTheSelectorAtMostOncePerWait() throws Exception {
        int posts = 20_000;
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch listening = new CountDownLatch(1);
        try (EventLoop loop = new EventLoop()) {
            ExpectedCall[] done = new ExpectedCall[1];
            Promise<Void> finished = new Promise<>();
            Thread poster = new Thread(() -> {
                try {
                    listening.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < posts; i++) {
                    loop.callSoonThreadsafe(ran::incrementAndGet);
                }
                done[0].call(() -> finished.complete(null));
            });
            Server[] server = new Server[1];
            loop.runUntilComplete(Script.of(
                    x -> Streams.listen("127.0.0.1", 0),
                    x -> {
                        server[0] = (Server) x.value();
                        done[0] = EventLoop.current().expectThreadsafeCall();
                        poster.start();
                        listening.countDown();
                        return finished;
                    },
                    x -> {
                        server[0].close();
                        return x.done(null);
                    }));
            poster.join(10_000);
            IoDriver io = loop.io();
            assertEquals(posts, ran.get());
            assertTrue(io.wakeups() <= io.gateOpenings(), io.wakeups() + " wake-ups for " + io.gateOpenings() + " waits");
            assertTrue(io.wakeups() < posts / 10, io.wakeups() + " wake-ups for " + posts + " posts");
        }
    }
}
