package dev.weft.bench.net;

import java.nio.charset.StandardCharsets;

/** The one response every server of the benchmark sends, byte for byte. */
final class Plaintext {
    static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\n"
            + "Hello, World!").getBytes(StandardCharsets.US_ASCII);

    private Plaintext() {
    }

    /** Prints the line the benchmark script waits for. */
    static void listening(String what, int port) {
        System.out.println(what + " listening on 127.0.0.1:" + port);
        System.out.flush();
    }
}
