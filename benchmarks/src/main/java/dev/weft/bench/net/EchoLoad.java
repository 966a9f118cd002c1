package dev.weft.bench.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The echo load: {@code connections} connections, each writing 64 KiB blocks and reading each
 * back in full before the next, for {@code seconds} after a warm-up; prints the megabytes per
 * second echoed (each way) as JSON.
 */
public final class EchoLoad {
    private EchoLoad() {
    }

    /**
     * Runs the load.
     *
     * @param args {@code PORT CONNECTIONS WARMUP_SECONDS SECONDS}
     * @throws Exception if a connection fails
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        long warmup = Long.parseLong(args[2]) * 1_000_000_000L;
        long measure = Long.parseLong(args[3]) * 1_000_000_000L;
        AtomicLong counted = new AtomicLong();
        long start = System.nanoTime();
        long from = start + warmup;
        long until = from + measure;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> {
                byte[] block = new byte[64 * 1024];
                byte[] back = new byte[64 * 1024];
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    long now;
                    while ((now = System.nanoTime()) < until) {
                        out.write(block);
                        int got = 0;
                        while (got < block.length) {
                            int n = in.read(back, got, block.length - got);
                            if (n < 0) {
                                throw new IOException("the server closed the connection");
                            }
                            got += n;
                        }
                        if (now >= from) {
                            counted.addAndGet(block.length);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double mbps = counted.get() / 1e6 / (measure / 1e9);
        System.out.println(String.format(Locale.ROOT, "{\"mbPerSecond\": %.1f, \"connections\": %d}", mbps, connections));
    }
}
