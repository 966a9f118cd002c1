package dev.weft.bench.net;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The HTTP and echo servers a JDK 21+ user writes with virtual threads: blocking sockets, a
 * virtual thread per connection, the same request parsing as Weft's (lines up to an empty one).
 */
public final class VirtualThreadServers {
    private VirtualThreadServers() {
    }

    /** A line without its terminator, or {@code null} at the end of the stream. */
    private static String readLine(InputStream in, StringBuilder sb) throws IOException {
        sb.setLength(0);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') {
                    sb.setLength(n - 1);
                }
                return sb.toString();
            }
            sb.append((char) b);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    static void http(Socket s) throws IOException {
        InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
        OutputStream out = s.getOutputStream();
        StringBuilder sb = new StringBuilder();
        while (readLine(in, sb) != null) {
            int length = 0;
            String header;
            while ((header = readLine(in, sb)) != null && !header.isEmpty()) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            if (length > 0) {
                in.readNBytes(length);
            }
            out.write(Plaintext.RESPONSE);
            out.flush();
        }
    }

    static void echo(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
    }

    /**
     * Serves until killed.
     *
     * @param args {@code http PORT} or {@code echo PORT}
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        boolean http = args[0].equals("http");
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[1]), 1024, InetAddress.getLoopbackAddress())) {
            Plaintext.listening("virtual threads " + args[0], server.getLocalPort());
            while (true) {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> {
                    try (Socket c = s) {
                        if (http) {
                            http(c);
                        } else {
                            echo(c);
                        }
                    } catch (IOException e) {
                        // the client went away
                    }
                });
            }
        }
    }
}
