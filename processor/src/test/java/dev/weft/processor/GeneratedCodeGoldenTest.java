package dev.weft.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.weft.Event;
import dev.weft.Lock;
import dev.weft.Promise;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated code of a few representative coroutines, compared with the text kept in
 * {@code src/test/resources/golden}: a refactoring that changes what the processor writes shows
 * in the diff of those files. Each coroutine is also run, so that the text is known to work.
 *
 * <p>After a deliberate change of the generated code, rewrite the expected files with
 * {@code mvn -pl runtime,processor test -Dtest=GeneratedCodeGoldenTest -Dweft.updateGolden=true}
 * and review their diff.
 */
class GeneratedCodeGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("weft.updateGolden");

    @Test
    void loopWithAwaits() throws Throwable {
        Event ready = new Event();
        ready.set();
        assertEquals(10, run("LoopWithAwaits", "total", List.of("ab", "cde"), ready));
    }

    @Test
    void tryFinallyWithReturn() throws Throwable {
        Lock lock = new Lock();
        assertEquals("early", run("TryFinallyWithReturn", "holder", lock, true));
        assertFalse(lock.isLocked(), "the finally block released the lock");
        Lock other = new Lock(); // a lock belongs to the loop that first used it: each run has its own
        assertEquals("late", run("TryFinallyWithReturn", "holder", other, false));
        assertFalse(other.isLocked());
    }

    @Test
    void switchExpression() throws Throwable {
        assertEquals("zero", run("SwitchExpression", "name", 0));
        assertEquals("one", run("SwitchExpression", "name", 1));
        assertEquals("manynull", run("SwitchExpression", "name", 7));
    }

    @Test
    void spilledOperand() throws Throwable {
        Promise<String> p = new Promise<>();
        p.complete("x");
        assertEquals("gotx4", run("SpilledOperand", "describe", p));
    }

    @Test
    void nestedCalls() throws Throwable {
        Event ready = new Event();
        ready.set();
        assertEquals("depth 5: 5", run("NestedCalls", "describe", 5, ready));
    }

    /** Compiles {@code golden/<name>.java}, compares the generated file, and runs a factory. */
    private static Object run(String name, String factory, Object... args) throws Throwable {
        String source = resource(name + ".java");
        Compilation c = javac().withProcessors(new CoroutineProcessor())
                .compile(JavaFileObjects.forSourceString("golden." + name, source));
        if (c.status() != Compilation.Status.SUCCESS) {
            throw new AssertionError(CoroutineCompiler.diagnostics(c));
        }
        String generated = generated(c, name + "Coroutines");
        String goldenFile = name + "Coroutines.java.txt";
        if (UPDATE) {
            Files.writeString(Path.of("src/test/resources/golden", goldenFile), generated);
        } else {
            assertEquals(resource(goldenFile), generated, "the generated code of " + name + " changed; if on purpose,"
                    + " rerun with -Dweft.updateGolden=true and review the diff");
        }
        return CoroutineCompiler.run(CoroutineCompiler.load(c), "golden." + name + "Coroutines", factory, args);
    }

    private static String generated(Compilation c, String simpleName) throws IOException {
        for (JavaFileObject f : c.generatedSourceFiles()) {
            if (f.getName().endsWith("/" + simpleName + ".java")) {
                return f.getCharContent(true).toString();
            }
        }
        throw new AssertionError("no " + simpleName + " generated");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GeneratedCodeGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError("missing resource golden/" + name + " (run with -Dweft.updateGolden=true)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
