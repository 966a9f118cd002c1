package dev.weft.bench.net;

import static dev.weft.Weft.await;

import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Server;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import dev.weft.Streams;

/** Weft's HTTP and echo servers: a coroutine per connection, as sequential code. */
public final class WeftServers {
    private WeftServers() {
    }

    /** Reads requests (a request line, headers, an empty line) and answers each with the plaintext response. */
    @Coroutine
    static void http(StreamReader reader, StreamWriter writer) {
        String line = await(reader.readLine());
        while (line != null) {
            int length = 0;
            String header = await(reader.readLine());
            while (header != null && !header.isEmpty()) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
                header = await(reader.readLine());
            }
            if (length > 0) {
                await(reader.readExactly(length));
            }
            writer.write(Plaintext.RESPONSE);
            await(writer.drain());
            line = await(reader.readLine());
        }
    }

    @Coroutine
    static void echo(StreamReader reader, StreamWriter writer) {
        byte[] data = await(reader.read(64 * 1024));
        while (data.length > 0) {
            writer.write(data);
            await(writer.drain());
            data = await(reader.read(64 * 1024));
        }
    }

    @Coroutine
    static void serve(boolean http, int port) {
        Server server = await(Streams.startServer(
                (r, w) -> http ? WeftServersCoroutines.http(r, w) : WeftServersCoroutines.echo(r, w), "127.0.0.1", port, 1024));
        Plaintext.listening("weft " + (http ? "http" : "echo"), server.port());
        await(server.closed());
    }

    /**
     * Serves until killed.
     *
     * @param args {@code http PORT} or {@code echo PORT}
     */
    public static void main(String[] args) {
        EventLoop.run(WeftServersCoroutines.serve(args[0].equals("http"), Integer.parseInt(args[1])));
    }
}
