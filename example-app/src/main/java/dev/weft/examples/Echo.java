package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.gather;
import static dev.weft.Weft.spawn;
import static dev.weft.Weft.waitFor;

import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Server;
import dev.weft.SimulatedNetwork;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import dev.weft.Streams;
import dev.weft.Task;
import dev.weft.TimedOutException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An echo server, the "hello world" of sockets, and clients that meet a simulated network's
 * faults: latency that lets a later client overtake an earlier one, a reset, and a partition that
 * a {@code waitFor} timeout notices. Without arguments it runs on a {@link SimulatedNetwork} on
 * virtual time; with {@code --port N [--host H]} it serves on a real socket until killed.
 */
public final class Echo {
    private Echo() {
    }

    /** Sends back what comes, until the client ends its stream. */
    @Coroutine
    static void echo(StreamReader reader, StreamWriter writer) {
        byte[] data = await(reader.read(64 * 1024));
        while (data.length > 0) {
            writer.write(data);
            await(writer.drain());
            data = await(reader.read(64 * 1024));
        }
    }

    private static void say(String what) {
        System.out.println(String.format(Locale.ROOT, "%7.3f s  %s", EventLoop.current().time(), what));
    }

    @Coroutine
    static void client(String name, int lines) {
        Connection c = await(Streams.openConnection("echo", 7));
        for (int i = 1; i <= lines; i++) {
            c.writer().write(name + " line " + i + "\n");
            say(name + " got back: " + await(c.reader().readLine()));
        }
        c.writer().shutdownOutput(); // half-close: the server sees the end, and ends its side
        say(name + " after half-close: end of stream " + (await(c.reader().readLine()) == null));
    }

    @Coroutine
    static void simulated(SimulatedNetwork net) {
        Server server = await(Streams.startServer((r, w) -> EchoCoroutines.echo(r, w), "echo", 7));
        List<Task<Void>> clients = new ArrayList<>();
        clients.add(spawn(EchoCoroutines.client("alice", 2)));
        clients.add(spawn(EchoCoroutines.client("bob", 2)));
        await(gather(clients));

        Connection c = await(Streams.openConnection("echo", 7));
        net.reset("echo");
        try {
            c.writer().write("anyone there?\n");
            await(c.reader().readLine());
        } catch (UncheckedIOException e) {
            say("after a reset: " + e.getMessage());
        }

        Connection d = await(Streams.openConnection("echo", 7));
        net.partition("echo");
        d.writer().write("through the partition\n");
        try {
            await(waitFor(d.reader().readLine(), Duration.ofMillis(500)));
        } catch (TimedOutException e) {
            say("partitioned: no answer within 500 ms");
        }
        net.heal("echo");
        say("healed: " + await(d.reader().readLine()));
        d.writer().close();
        server.close();
        server.closeClients();
        await(server.closed());
        say(net.events().size() + " network events; the same seed gives the same ones");
    }

    /**
     * Runs the simulated demo, or with {@code --port} a real echo server.
     *
     * @param args none, or {@code --port N [--host H]}
     */
    public static void main(String[] args) {
        Options o = new Options(args);
        if (o.has("--port")) {
            EventLoop.run(ServeForeverCoroutines.serve((r, w) -> EchoCoroutines.echo(r, w), o.string("--host", "127.0.0.1"),
                    o.integer("--port", 7007)));
            return;
        }
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            SimulatedNetwork net = new SimulatedNetwork(3).latency(Duration.ofMillis(1), Duration.ofMillis(20));
            loop.useNetwork(net);
            loop.runUntilComplete(EchoCoroutines.simulated(net));
        }
    }
}
