package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every example through {@link Main}, as {@code java -jar weft-examples.jar NAME} does, and
 * compares what it prints with {@code src/test/resources/expected/NAME.txt}, the files that
 * {@code .ci/run} also compares the jar's output with.
 */
class ExamplesTest {

    static Stream<String> names() {
        return Main.EXAMPLES.stream().map(e -> e.name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void printsItsExpectedOutput(String name) {
        Run run = run(name);
        assertEquals(0, run.status, run.err);
        assertEquals("", run.err);
        assertEquals(expected(name), run.out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void printsTheSameOutputOnEveryRun(String name) {
        assertEquals(run(name).out, run(name).out);
    }

    @Test
    void tourRunsEveryExampleUnderAHeading() {
        Run run = run();
        assertEquals(0, run.status, run.err);
        assertEquals(expected("tour"), run.out);

        // tour.txt is made of the other files: two lines of introduction, then each example's
        // expected output under its heading.
        String[] intro = expected("tour").split("\n", 3);
        StringBuilder assembled = new StringBuilder(intro[0] + "\n" + intro[1] + "\n");
        for (Main.Example e : Main.EXAMPLES) {
            assembled.append("\n== ").append(e.name).append(": ").append(e.description).append('\n');
            assembled.append(expected(e.name));
        }
        assertEquals(assembled.toString(), expected("tour"));
    }

    @Test
    void listShowsEveryNameWithItsDescription() {
        Run run = run("list");
        assertEquals(0, run.status);
        String names = run.out.lines().map(l -> l.split(" +", 2)[0]).collect(Collectors.joining(","));
        assertEquals(names().collect(Collectors.joining(",")), names);
    }

    @Test
    void severalNamesRunInTheGivenOrder() {
        Run run = run("flowno-lock", "flowno-event");
        assertEquals(0, run.status);
        assertEquals("\n== flowno-lock: " + Main.find("flowno-lock").description + "\n"
                + expected("flowno-lock")
                + "\n== flowno-event: " + Main.find("flowno-event").description + "\n"
                + expected("flowno-event"), run.out);
    }

    @Test
    void anUnknownNameIsRejectedWithTheUsage() {
        Run run = run("no-such-example");
        assertEquals(2, run.status);
        assertEquals("", run.out);
        assertTrue(run.err.startsWith("weft-examples: no example named 'no-such-example'\nusage:"),
                run.err);
    }

    @Test
    void optionsThatAreNotPairsAreRejectedWithTheUsage() {
        Run run = run("echo", "--port");
        assertEquals(2, run.status);
        assertTrue(run.err.startsWith("weft-examples: expected --name value pairs, got: --port\nusage:"), run.err);
        assertEquals(2, run("no-such-example", "--port", "1").status);
    }

    @Test
    void helpPrintsTheUsage() {
        Run run = run("--help");
        assertEquals(0, run.status);
        assertTrue(run.out.startsWith("usage: java -jar weft-examples.jar"), run.out);
    }

    @Test
    void examplesContainNoHandWrittenStateMachines() throws IOException {
        // The examples show what users write: @Coroutine methods. The processor writes the frames.
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Paths.get("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList());
        }
        assertTrue(sources.size() >= Main.EXAMPLES.size(), sources.toString());
        for (Path source : sources) {
            String text = new String(Files.readAllBytes(source), StandardCharsets.UTF_8);
            assertFalse(text.contains("CoroutineFrame<") && text.contains("resume("), source.toString());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** What one run of {@link Main#run} printed, with line ends as {@code \n}. */
    static final class Run {
        final int status;
        final String out;
        final String err;

        Run(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(status, normalize(out.toString(StandardCharsets.UTF_8)),
                normalize(err.toString(StandardCharsets.UTF_8)));
    }

    private static String expected(String name) {
        try (InputStream in = ExamplesTest.class.getResourceAsStream("/expected/" + name + ".txt")) {
            assertNotNull(in, "missing src/test/resources/expected/" + name + ".txt");
            return normalize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n");
    }
}
