package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.gather;
import static dev.weft.Weft.spawn;
import static dev.weft.Weft.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Server;
import dev.weft.SimulatedNetwork;
import dev.weft.Streams;
import dev.weft.Task;
import dev.weft.TimedOutException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The simulated network: the same Streams code, on virtual time, with seeded latency and faults. */
class SimulatedNetworkTest {
    @Coroutine
    static String client(String name) {
        Connection c = await(Streams.openConnection("echo", 7));
        c.writer().write(name + "\n");
        String back = await(c.reader().readLine());
        c.writer().close();
        return back;
    }

    @Coroutine
    static List<String> twoClients() {
        Server server = await(Streams.startServer((r, w) -> EchoCoroutines.echo(r, w), "echo", 7));
        List<Task<String>> tasks = new ArrayList<>();
        tasks.add(spawn(SimulatedNetworkTestCoroutines.client("a")));
        tasks.add(spawn(SimulatedNetworkTestCoroutines.client("b")));
        List<String> back = await(gather(tasks));
        server.close();
        await(server.closed());
        return back;
    }

    /** Runs {@code main} on a virtual-time loop over a network with {@code seed}; returns the network's events. */
    static <T> List<String> run(long seed, Function<SimulatedNetwork, dev.weft.CoroutineFrame<T>> main, List<T> result) {
        SimulatedNetwork net = new SimulatedNetwork(seed);
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            loop.useNetwork(net);
            result.add(loop.runUntilComplete(main.apply(net)));
        }
        return net.events();
    }

    @Test
    void aSeedGivesExactlyThisOrderOfEvents() {
        List<List<String>> result = new ArrayList<>();
        List<String> events = run(1, net -> SimulatedNetworkTestCoroutines.twoClients(), result);
        assertEquals(Arrays.asList(Arrays.asList("a", "b")), result);
        // b's connection overtakes a's: latencies are drawn per step, per connection
        assertEquals(Arrays.asList(
                "0.000 ms listen echo:7",
                "0.000 ms client:49152 -> echo:7 connect",
                "0.000 ms client:49153 -> echo:7 connect",
                "2.640 ms client:49153 -> echo:7 accepted",
                "3.924 ms client:49152 -> echo:7 accepted",
                "4.471 ms client:49153 -> echo:7 established",
                "4.471 ms client:49153 -> echo:7 sent 2 bytes",
                "6.254 ms client:49152 -> echo:7 established",
                "6.254 ms client:49152 -> echo:7 sent 2 bytes",
                "7.279 ms echo:7 -> client:49152 received 2 bytes",
                "7.279 ms echo:7 -> client:49152 sent 2 bytes",
                "9.342 ms echo:7 -> client:49153 received 2 bytes",
                "9.342 ms echo:7 -> client:49153 sent 2 bytes",
                "12.134 ms client:49152 -> echo:7 received 2 bytes",
                "12.134 ms client:49152 -> echo:7 closed",
                "14.102 ms client:49153 -> echo:7 received 2 bytes",
                "14.102 ms client:49153 -> echo:7 closed",
                "14.102 ms close echo:7",
                "16.922 ms echo:7 -> client:49152 end of stream",
                "16.922 ms echo:7 -> client:49152 closed",
                "18.850 ms echo:7 -> client:49153 end of stream",
                "18.850 ms echo:7 -> client:49153 closed"), events);
    }

    @Test
    void theSameSeedReplaysTheSameRunAndAnotherSeedAnother() {
        List<String> first = run(42, net -> SimulatedNetworkTestCoroutines.twoClients(), new ArrayList<>());
        assertEquals(first, run(42, net -> SimulatedNetworkTestCoroutines.twoClients(), new ArrayList<>()));
        assertNotEquals(first, run(43, net -> SimulatedNetworkTestCoroutines.twoClients(), new ArrayList<>()));
    }

    @Coroutine
    static String refusedAndTimedOut(SimulatedNetwork net) {
        String result;
        try {
            await(Streams.openConnection("nobody", 1));
            result = "connected";
        } catch (UncheckedIOException e) {
            result = e.getCause().getClass().getSimpleName();
        }
        Server server = await(Streams.startServer((r, w) -> EchoCoroutines.echo(r, w), "echo", 7));
        net.partition("echo");
        double start = dev.weft.EventLoop.current().time();
        try {
            await(Streams.openConnection("echo", 7, Duration.ofSeconds(3)));
            result += ", connected through a partition";
        } catch (TimedOutException e) {
            result += ", timed out after " + (dev.weft.EventLoop.current().time() - start) + " s";
        }
        net.heal("echo");
        result += ", then " + client("healed");
        server.close();
        return result;
    }

    @Test
    void nothingListeningRefusesAndAPartitionHoldsAConnectUntilItsTimeout() {
        List<String> result = new ArrayList<>();
        List<String> events = run(5, SimulatedNetworkTestCoroutines::refusedAndTimedOut, result);
        assertEquals(Arrays.asList("ConnectException, timed out after 3.0 s, then healed"), result);
        assertTrue(events.stream().anyMatch(e -> e.endsWith("connect timed out")), events.toString());
    }

    @Coroutine
    static List<String> faulty(SimulatedNetwork net) {
        Server server = await(Streams.startServer((r, w) -> EchoCoroutines.echo(r, w), "echo", 7));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            try {
                outcomes.add(client("c" + i));
            } catch (UncheckedIOException e) {
                outcomes.add(e.getMessage().startsWith("connection reset") ? "reset"
                        : e.getMessage().endsWith("Connection refused") ? "refused" : e.getMessage());
            }
        }
        server.close();
        return outcomes;
    }

    @Test
    void resetsAndRefusalsComeAtTheRatesAskedAndReplayBySeed() {
        List<List<String>> a = new ArrayList<>();
        List<List<String>> b = new ArrayList<>();
        run(9, net -> SimulatedNetworkTestCoroutines.faulty(net.refuseProbability(0.25).resetProbability(0.25)), a);
        run(9, net -> SimulatedNetworkTestCoroutines.faulty(net.refuseProbability(0.25).resetProbability(0.25)), b);
        assertEquals(a, b);
        List<String> outcomes = a.get(0);
        assertEquals(20, outcomes.size());
        assertTrue(outcomes.contains("reset") && outcomes.contains("refused"), outcomes.toString());
        long failures = outcomes.stream().filter(o -> o.equals("reset") || o.equals("refused")).count();
        assertTrue(failures >= 3 && failures <= 17, outcomes.toString());
    }

    /** Answers "go" lines with a fixed text, and nothing else. */
    @Coroutine
    static void onGo(dev.weft.StreamReader r, dev.weft.StreamWriter w) {
        String line = await(r.readLine());
        while (line != null) {
            w.write("abc|defgh\n");
            line = await(r.readLine());
        }
    }

    @Coroutine
    static List<String> everyReadUnderATimeout() {
        Server server = await(Streams.startServer((r, w) -> SimulatedNetworkTestCoroutines.onGo(r, w), "srv", 1));
        Connection c = await(Streams.openConnection("srv", 1));
        dev.weft.StreamReader in = c.reader();
        List<dev.weft.Awaitable<?>> reads = new ArrayList<>();
        reads.add(in.read(10));
        reads.add(in.readExactly(5));
        reads.add(in.readUntil("|".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        reads.add(in.readLine());
        List<String> got = new ArrayList<>();
        for (dev.weft.Awaitable<?> read : reads) {
            try {
                await(waitFor(read, Duration.ofMillis(100)));
                got.add("no timeout");
            } catch (TimedOutException e) {
                got.add(read + " timed out");
            }
        }
        c.writer().write("go\n");
        got.add(new String(await(in.readExactly(2)), java.nio.charset.StandardCharsets.US_ASCII));
        got.add(new String(await(in.readUntil("|".getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                java.nio.charset.StandardCharsets.US_ASCII));
        got.add(await(in.readLine()));
        c.writer().close();
        server.close();
        server.closeClients();
        await(server.closed());
        return got;
    }

    @Test
    void everyReadTimesOutWithoutConsumingAndTheNextReadsGetEveryByte() {
        List<List<String>> result = new ArrayList<>();
        run(3, net -> SimulatedNetworkTestCoroutines.everyReadUnderATimeout(), result);
        List<String> got = result.get(0);
        assertEquals(7, got.size(), got.toString());
        assertTrue(got.get(0).startsWith("read(10) of StreamReader[0 bytes buffered") && got.get(0).endsWith("timed out"), got.get(0));
        assertTrue(got.get(1).startsWith("readExactly(5) of"), got.get(1));
        assertTrue(got.get(2).startsWith("readUntil(1-byte separator) of"), got.get(2));
        assertTrue(got.get(3).startsWith("readLine() of"), got.get(3));
        assertEquals(Arrays.asList("ab", "c|", "defgh"), got.subList(4, 7));
    }
}
