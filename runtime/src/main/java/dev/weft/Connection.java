package dev.weft;

import java.net.InetSocketAddress;

/**
 * An open connection: its {@link StreamReader} and {@link StreamWriter}, what asyncio's
 * {@code open_connection()} returns as a pair.
 */
public final class Connection {
    private final StreamReader reader;
    private final StreamWriter writer;

    Connection(Transport transport, int limit) {
        this.reader = new StreamReader(limit);
        this.writer = new StreamWriter(transport);
        reader.transport(transport);
        transport.attach(reader, writer);
    }

    /**
     * The reading half.
     *
     * @return the reader
     */
    public StreamReader reader() {
        return reader;
    }

    /**
     * The writing half.
     *
     * @return the writer
     */
    public StreamWriter writer() {
        return writer;
    }

    /**
     * This side's address.
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return writer.localAddress();
    }

    /**
     * The peer's address.
     *
     * @return the remote address
     */
    public InetSocketAddress remoteAddress() {
        return writer.remoteAddress();
    }

    @Override
    public String toString() {
        return "Connection[" + localAddress() + " -> " + remoteAddress() + "]";
    }
}
