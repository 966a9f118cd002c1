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

    @Test
    void polyExpressionsInsideAnAwaitTakeTheTypeOfTheAwaitsContext() throws Throwable {
        assertEquals("returned {b=2, a=1} 5.187377517639621 -1 1 1 [x] [] []", assertSameAsPlainJava("""
                static double sum(int from, int to, Function<Integer, Double> f) {
                    double s = 0;
                    for (int i = from; i <= to; i++) s += f.apply(i);
                    return s;
                }
                static Comparator<String> field;
                @Coroutine static Comparator<String> reversed() { return await(later((a, b) -> b.compareTo(a))); }
                @Coroutine static String main() {
                    Map<String, Integer> m = await(later(new TreeMap<>((a, b) -> b.compareTo(a))));
                    m.put("a", 1);
                    m.put("b", 2);
                    double s = sum(1, 100, await(later((i -> 1.0 / i))));
                    field = await(later(String::compareTo));
                    Comparator<String> c;
                    c = await(later(Comparator.reverseOrder()));
                    List<String> list = await(later(new ArrayList<>(Arrays.asList("x"))));
                    List<String> empty = await(later(new ArrayList<>()));
                    return m + " " + s + " " + field.compare("a", "b") + " " + c.compare("a", "b") + " "
                            + reversed().compare("a", "b") + " " + list + " " + empty;
                }
                """));
    }

    @Test
    void aPolyExpressionInsideAnAwaitWhoseTargetOnlyJavacKnowsIsAnErrorAtTheExpression() {
        List<Diagnostic<? extends JavaFileObject>> errors = CoroutineCompiler.errors("""
                @Coroutine static int main() {
                    List<Function<Integer, Double>> fs = new ArrayList<>();
                    fs.add(await(later(i -> 1.0 / i)));
                    return fs.size();
                }
                """);
        assertEquals(1, errors.size(), errors.toString());
        Diagnostic<? extends JavaFileObject> e = errors.get(0);
        assertTrue(e.getSource().getName().endsWith("T.java"), e.toString());
        assertEquals(12, e.getLineNumber(), e.toString());
        assertTrue(e.getMessage(null).contains("Declare it first with the type you mean"), e.getMessage(null));
    }
}
