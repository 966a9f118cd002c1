package dev.weft;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The stream ended before a read had what it asked for ({@link StreamReader#readExactly(int)},
 * {@link StreamReader#readUntil(byte[])}; asyncio's {@code IncompleteReadError}). It carries the
 * bytes that came before the end, which the read consumed.
 */
public class IncompleteReadException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private final byte[] partial;
    private final int expected;

    /**
     * @param partial the bytes read before the end of the stream
     * @param expected how many bytes were asked for, or -1 when the read looked for a separator
     */
    public IncompleteReadException(byte[] partial, int expected) {
        super(message(partial.length, expected), new EOFException("end of stream"));
        this.partial = partial.clone();
        this.expected = expected;
    }

    private static String message(int got, int expected) {
        return got + " bytes read on a total of "
                + (expected < 0 ? "undefined" : Integer.toString(expected))
                + " expected bytes: the stream ended";
    }

    /**
     * The bytes that came before the end of the stream.
     *
     * @return a copy of them
     */
    public byte[] partial() {
        return Arrays.copyOf(partial, partial.length);
    }

    /**
     * How many bytes the read asked for.
     *
     * @return the count, or -1 for a read up to a separator
     */
    public int expected() {
        return expected;
    }
}
