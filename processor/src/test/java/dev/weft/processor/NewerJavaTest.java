package dev.weft.processor;

import static dev.weft.processor.CoroutineCompiler.compileAndLoad;
import static dev.weft.processor.CoroutineCompiler.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Syntax of Java releases after 17 in coroutines. The tests compile with the javac of the JVM
 * that runs them, at its default (newest) language level: on an older JDK they are skipped.
 */
class NewerJavaTest {
    private static void assumeJava(int feature) {
        assumeTrue(Runtime.version().feature() >= feature, "needs javac " + feature + "+");
    }

    @Test
    void moduleImportsAreCopiedAsModuleImports() throws Throwable {
        assumeJava(25);
        ClassLoader loader = compileAndLoad(List.of(), """
                package t;
                import module java.base;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static t.Later.*;
                public class T {
                    @Coroutine static String main() {
                        Map<String, Integer> m = new TreeMap<>();
                        for (String s : List.of("ab", "c")) m.put(s, await(later(s.length())));
                        return m.toString();
                    }
                }
                """);
        assertEquals("{ab=2, c=1}", run(loader, "t.TCoroutines", "main"));
    }
}
