package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Server;
import dev.weft.Streams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Weft's streams against a real peer: Python's asyncio streams, run by the test with the machine's python3. */
class PythonPeerTest {
    /** An asyncio client: lines, a 1 MiB round trip, then a half-close; prints what came back. */
    private static final String CLIENT = String.join("\n",
            "import asyncio, sys",
            "async def main(port):",
            "    r, w = await asyncio.open_connection('127.0.0.1', port)",
            "    for line in (b'hello\\n', b'from asyncio\\n'):",
            "        w.write(line)",
            "        await w.drain()",
            "        print('echo:', (await r.readline()).decode().strip())",
            "    big = bytes(range(256)) * 4096",
            "    w.write(big)",
            "    await w.drain()",
            "    back = await r.readexactly(len(big))",
            "    print('1 MiB back intact:', back == big)",
            "    w.write_eof()",
            "    print('after write_eof:', await r.read())",
            "    w.close()",
            "    await w.wait_closed()",
            "asyncio.run(main(int(sys.argv[1])))",
            "");

    /** An asyncio server: echoes lines; on "reset" it aborts the connection with a TCP reset (linger 0); on end of stream it says bye. */
    private static final String SERVER = String.join("\n",
            "import asyncio, socket, struct",
            "async def handle(r, w):",
            "    while True:",
            "        line = await r.readline()",
            "        if not line:",
            "            w.write(b'bye\\n')",
            "            await w.drain()",
            "            w.close()",
            "            return",
            "        if line == b'reset\\n':",
            "            w.get_extra_info('socket').setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))",
            "            w.transport.abort()",
            "            return",
            "        w.write(b'py:' + line)",
            "        await w.drain()",
            "async def main():",
            "    server = await asyncio.start_server(handle, '127.0.0.1', 0)",
            "    print(server.sockets[0].getsockname()[1], flush=True)",
            "    async with server:",
            "        await server.serve_forever()",
            "asyncio.run(main())",
            "");

    @Coroutine
    static List<String> serveAPythonClient() {
        Server server = await(Streams.startServer((r, w) -> EchoCoroutines.echo(r, w), "127.0.0.1", 0));
        int port = server.port();
        List<String> out = await(toThread(() -> python(CLIENT, String.valueOf(port))));
        server.close();
        await(server.closed());
        return out;
    }

    @Test
    void aPythonAsyncioClientGetsItsBytesBackFromAWeftEchoServer() {
        assertEquals(Arrays.asList("echo: hello", "echo: from asyncio", "1 MiB back intact: True", "after write_eof: b''"),
                EventLoop.run(PythonPeerTestCoroutines.serveAPythonClient()));
    }

    @Coroutine
    static List<String> talkToAPythonServer(int port) {
        List<String> got = new ArrayList<>();
        Connection c = await(Streams.openConnection("127.0.0.1", port));
        c.writer().write("one\n");
        got.add(await(c.reader().readLine()));
        c.writer().shutdownOutput();
        got.add(await(c.reader().readLine()));
        got.add(String.valueOf(await(c.reader().readLine())));
        c.writer().close();

        Connection d = await(Streams.openConnection("127.0.0.1", port));
        d.writer().write("reset\n");
        try {
            await(d.reader().readLine());
            got.add("no reset");
        } catch (UncheckedIOException e) {
            got.add("reset: " + e.getCause().getClass().getSimpleName());
        }
        await(d.writer().closed());
        return got;
    }

    @Test
    void aWeftClientTalksToAPythonAsyncioServerWithHalfCloseAndReset() throws Exception {
        Process server = new ProcessBuilder("python3", "-c", SERVER).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            int port = Integer.parseInt(out.readLine().trim());
            assertEquals(Arrays.asList("py:one", "bye", "null", "reset: SocketException"),
                    EventLoop.run(PythonPeerTestCoroutines.talkToAPythonServer(port)));
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code script} with python3 and returns its output lines; fails if it fails or takes over 60 s. */
    static List<String> python(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Arrays.asList("python3", "-c", script));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            lines = out.lines().collect(Collectors.toList());
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("python3 failed: " + String.join("\n", lines));
        }
        return lines;
    }
}
