package dev.weft.examples;

import static dev.weft.Weft.await;

import dev.weft.ConnectionHandler;
import dev.weft.Coroutine;
import dev.weft.Server;
import dev.weft.Streams;

/** The {@code --port} mode of the network examples: a server on a real socket until killed. */
final class ServeForever {
    private ServeForever() {
    }

    /** Listens, prints the address it listens on (scripts wait for that line), and serves until killed. */
    @Coroutine
    static void serve(ConnectionHandler handler, String host, int port) {
        Server server = await(Streams.startServer(handler, host, port));
        System.out.println("listening on " + server.address().getAddress().getHostAddress() + ":" + server.port());
        System.out.flush();
        await(server.closed());
    }
}
