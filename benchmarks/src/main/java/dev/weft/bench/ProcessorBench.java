package dev.weft.bench;

import dev.weft.processor.CoroutineProcessor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Workload 7: javac in-process ({@code javax.tools}) compiling one file of 500 {@code @Coroutine}
 * methods, with Weft's processor and without any processor ({@code -proc:none}), each compile
 * from scratch into an empty output directory. A third benchmark splits the cost: it compiles the
 * same file together with the source the processor generates for it, without the processor, so
 * that the rest of "with" is the processor's own work. A fourth gives the floor of any processor
 * that generates source: the file and a copy of it (every body compiled twice), without a
 * processor.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 12)
@Measurement(iterations = 6)
public class ProcessorBench {
    /** The number of {@code @Coroutine} methods in the file. */
    static final int METHODS = 500;

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private Path work;
    private Path source;
    private Path generatedSource;
    private Path copy;
    private String classpath;
    private int round;

    /**
     * Writes the source file.
     *
     * @throws IOException if it cannot be written
     */
    @Setup(Level.Trial)
    public void writeSource() throws IOException {
        work = Files.createTempDirectory("weft-processor-bench");
        Path dir = Files.createDirectories(work.resolve("src/bench/gen"));
        source = dir.resolve("Coroutines500.java");
        Files.write(source, GeneratedSource.of("Coroutines500", METHODS).getBytes(StandardCharsets.UTF_8));
        copy = dir.resolve("Coroutines500Copy.java");
        Files.write(copy, GeneratedSource.of("Coroutines500Copy", METHODS).getBytes(StandardCharsets.UTF_8));
        classpath = System.getProperty("java.class.path");
        compile(true, source);
        try (Stream<Path> files = Files.walk(work.resolve("gen0"))) {
            generatedSource = files.filter(p -> p.toString().endsWith(".java")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the processor generated no source"));
        }
    }

    /**
     * Removes the work directory.
     *
     * @throws IOException if it cannot be removed
     */
    @TearDown(Level.Trial)
    public void removeWork() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** @return the number of class files written */
    @Benchmark
    public int withProcessor() {
        return compile(true, source);
    }

    /** @return the number of class files written */
    @Benchmark
    public int withoutProcessor() {
        return compile(false, source);
    }

    /** @return the number of class files written */
    @Benchmark
    public int generatedCodeWithoutProcessor() {
        return compile(false, source, generatedSource);
    }

    /** @return the number of class files written */
    @Benchmark
    public int twoCopiesWithoutProcessor() {
        return compile(false, source, copy);
    }

    private int compile(boolean processor, Path... sources) {
        try {
            Path out = Files.createDirectories(work.resolve("out" + round));
            Path generated = Files.createDirectories(work.resolve("gen" + round));
            round++;
            List<String> options = new ArrayList<>(List.of(
                    "-classpath", classpath, "-d", out.toString(), "-s", generated.toString(),
                    "--release", "17", "-nowarn", "-implicit:none"));
            if (!processor) {
                options.add("-proc:none");
            }
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null,
                        files.getJavaFileObjects(sources));
                if (processor) {
                    task.setProcessors(List.of(new CoroutineProcessor()));
                }
                if (!task.call()) {
                    throw new IllegalStateException("compilation failed: " + diagnostics.getDiagnostics());
                }
            }
            try (Stream<Path> classes = Files.walk(out)) {
                return (int) classes.filter(p -> p.toString().endsWith(".class")).count();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
