package dev.weft;

/**
 * What a {@link Server} runs for each connection it accepts (asyncio's
 * {@code client_connected_cb}): a coroutine object, normally a call of a {@code @Coroutine}
 * method's factory, {@code (reader, writer) -> EchoCoroutines.serve(reader, writer)}. It runs as
 * a task of its own; when it ends, however it ends, the connection is closed (after what it wrote
 * is sent).
 */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * The coroutine that serves one connection.
     *
     * @param reader what the client sends
     * @param writer what goes back
     * @return the coroutine object, not started
     */
    CoroutineFrame<?> handle(StreamReader reader, StreamWriter writer);
}
