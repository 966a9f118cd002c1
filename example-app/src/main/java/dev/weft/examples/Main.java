package dev.weft.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The entry point of the examples jar.
 *
 * <pre>
 * java -jar weft-examples.jar              a tour: every example, one after the other
 * java -jar weft-examples.jar list         the names of the examples
 * java -jar weft-examples.jar NAME...      runs the named examples
 * </pre>
 *
 * Every example is a class of this package with its own {@code main}, so each can also be run
 * alone, e.g. {@code java -cp weft-examples.jar dev.weft.examples.Pipeline}.
 */
public final class Main {
    /** One runnable example: its command-line name, what it shows, and its program. */
    static final class Example {
        final String name;
        final String description;
        final Consumer<String[]> program;

        Example(String name, String description, Consumer<String[]> program) {
            this.name = name;
            this.description = description;
            this.program = program;
        }
    }

    /**
     * The examples, in the order of the tour: Flowno's three doctests ({@code flowno-}), the
     * asyncio notebook's four programs ({@code notebook-}), the asyncio documentation's queue
     * example, and Weft's own: an interface-based design, a stack trace, a pipeline, and network
     * programs (an HTTP server and client, an echo server) on a simulated network.
     */
    static final List<Example> EXAMPLES = Collections.unmodifiableList(Arrays.asList(
            new Example("flowno-latch",
                    "Flowno doctest: two consumers wait on a CountdownLatch, a producer counts it down twice",
                    FlownoCountdownLatch::main),
            new Example("flowno-event",
                    "Flowno doctest: two waiters wait for an Event, a setter sets it",
                    FlownoEvent::main),
            new Example("flowno-lock",
                    "Flowno doctest: two tasks increment a shared counter under a Lock",
                    FlownoLock::main),
            new Example("notebook-event",
                    "asyncio notebook: consumers A and B wait for an Event that a call_later callback sets",
                    NotebookEvent::main),
            new Example("notebook-condition",
                    "asyncio notebook: five consumers on a Condition, notified 1, then 2, then all",
                    NotebookCondition::main),
            new Example("notebook-queue",
                    "asyncio notebook: consumers A, B and C of speeds 1, 2 and 3 drain a queue of 20 items",
                    NotebookQueue::main),
            new Example("notebook-lock",
                    "asyncio notebook: a Lock acquired before the consumers start, released by a timer callback",
                    NotebookLock::main),
            new Example("asyncio-docs-queue",
                    "asyncio documentation: workers of 1, 2 and 3 items/s, queue.join(), then cancelled",
                    AsyncioDocsQueue::main),
            new Example("fetchers",
                    "Weft: a Fetcher interface with two implementations, private members, one crawler for both",
                    Fetchers::main),
            new Example("stack-trace",
                    "Weft: an exception three coroutine calls deep, in this file's own lines and the awaiting task",
                    StackTrace::main),
            new Example("pipeline",
                    "Why Weft: a crawler pipeline with bounded queues, timeouts, a TaskGroup"
                            + " and cancellation",
                    Pipeline::main),
            new Example("http-server",
                    "Weft: an HTTP/1.1 server and well- and ill-behaved clients, on a simulated network"
                            + " (with --port N: on a real socket)",
                    HttpServer::main),
            new Example("http-client",
                    "Weft: an HTTP client fetching from the server over three connections at once"
                            + " (with --port N: from a real server)",
                    HttpClient::main),
            new Example("echo",
                    "Weft: an echo server and clients on a simulated network, with latency, a reset and a partition"
                            + " (with --port N: on a real socket)",
                    Echo::main)));

    private Main() {
    }

    /**
     * Runs the tour, lists the examples, or runs the named ones.
     *
     * @param args nothing, {@code list}, names of examples, or one name followed by its
     *     {@code --option value} pairs
     */
    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * What {@link #main} does, returning the exit status instead of exiting.
     *
     * @param args the command-line arguments
     * @return 0 on success, 2 for a bad argument
     */
    static int run(String... args) {
        if (args.length == 0) {
            System.out.println("Weft examples: programs written with @Coroutine methods, on virtual time.");
            System.out.println("Run one alone with: java -jar weft-examples.jar NAME"
                    + " (names: java -jar weft-examples.jar list)");
            tour(EXAMPLES);
            return 0;
        }
        if (args.length == 1 && args[0].equals("list")) {
            for (Example e : EXAMPLES) {
                System.out.println(String.format(Locale.ROOT, "%-18s %s", e.name, e.description));
            }
            return 0;
        }
        if (args.length == 1 && (args[0].equals("help") || args[0].equals("-h")
                || args[0].equals("--help"))) {
            usage(System.out);
            return 0;
        }
        if (args.length > 1 && args[1].startsWith("--")) {
            Example e = find(args[0]);
            if (e == null) {
                System.err.println("weft-examples: no example named '" + args[0] + "'");
                usage(System.err);
                return 2;
            }
            try {
                e.program.accept(Arrays.copyOfRange(args, 1, args.length));
            } catch (IllegalArgumentException bad) {
                System.err.println("weft-examples: " + bad.getMessage());
                usage(System.err);
                return 2;
            }
            return 0;
        }
        List<Example> chosen = new ArrayList<>();
        for (String name : args) {
            Example e = find(name);
            if (e == null) {
                System.err.println("weft-examples: no example named '" + name + "'");
                usage(System.err);
                return 2;
            }
            chosen.add(e);
        }
        if (chosen.size() == 1) {
            chosen.get(0).program.accept(new String[0]);
        } else {
            tour(chosen);
        }
        return 0;
    }

    private static void tour(List<Example> examples) {
        for (Example e : examples) {
            System.out.println();
            System.out.println("== " + e.name + ": " + e.description);
            e.program.accept(new String[0]);
        }
    }

    static Example find(String name) {
        for (Example e : EXAMPLES) {
            if (e.name.equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar weft-examples.jar [list | NAME... | NAME --option value...]");
        out.println("  no argument: a tour of all examples; list: their names; NAME: run one;");
        out.println("  http-server, http-client, echo --port N [--host H]: on a real socket instead of the"
                + " simulated network");
        out.println();
        for (Example e : EXAMPLES) {
            out.println(String.format(Locale.ROOT, "  %-18s %s", e.name, e.description));
        }
    }
}
