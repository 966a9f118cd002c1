package dev.weft.processor;

import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Values typed again after a suspension (witnesses): anonymous class instances kept across an
 * await, and poly expressions inside an await, which take their type from the context.
 */
class WitnessTypingTest {
    @Test
    void anonymousClassInstancesKeptAcrossAnAwait() throws Throwable {
        assertEquals("returned anon run 1 d:o0! sup Comparator [anon, run 1]", assertSameAsPlainJava("""
                static String describe(Object o) { return "d:" + o; }
                @Coroutine static String main() {
                    log.add(await(later(new Object() { public String toString() { return "anon"; } })).toString());
                    Runnable r = await(later(new Runnable() { int n = 1; public void run() { log.add("run " + n); } }));
                    r.run();
                    String s = describe(new Object() { int x; public String toString() { return "o" + x; } })
                            + await(later("!"));
                    Supplier<String> sup = await(later(new Supplier<String>() { public String get() { return "sup"; } }));
                    Comparator<String> c = await(later(new Comparator<String>() {
                        public int compare(String a, String b) { return b.compareTo(a); }
                    }));
                    return "anon run 1 " + s + " " + sup.get() + " " + (c.compare("a", "b") > 0 ? "Comparator" : "?");
                }
                """));
    }

    @Test
    void anOwnMemberOfAnAnonymousClassReadAfterAnAwaitIsAnErrorAtItsUse() {
        List<Diagnostic<? extends JavaFileObject>> errors = CoroutineCompiler.errors("""
                @Coroutine static int main() {
                    return await(later(new Object() { int x = 5; })).x;
                }
                """);
        assertEquals(1, errors.size(), errors.toString());
        Diagnostic<? extends JavaFileObject> e = errors.get(0);
        assertTrue(e.getSource().getName().endsWith("T.java"), e.toString());
        assertEquals(11, e.getLineNumber(), e.toString());
        assertTrue(e.getMessage(null).contains("anonymous class that declares 'x'"), e.getMessage(null));
    }
}
